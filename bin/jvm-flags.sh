# Sourced by bin/encore and bin/encore-bench: JVM flags for this machine, in jvm_flags.
# Transparent huge pages where the kernel offers them on request ("madvise") or always: a fresh
# JVM faults in every 4 KiB page of its heap on first touch, and on a virtual machine that cost
# 8 to 10 s for a 2.6 GB array (the index of 10^7 tracks; 0.4 s with 2 MiB pages), and random
# reads over factor matrices larger than the TLB's reach miss it on almost every row.
jvm_flags=()
thp=/sys/kernel/mm/transparent_hugepage/enabled
if [ -r "$thp" ] && grep -qE '\[(always|madvise)\]' "$thp"; then
  jvm_flags+=(-XX:+UseTransparentHugePages)
fi
