# Sourced by bin/encore and bin/encore-bench: JVM flags for this machine, in jvm_flags.
# Transparent huge pages where the kernel offers them on request ("madvise") or always: a fresh
# JVM faults in every page of its heap on first touch, and writing a 2.4 GB array (the index of
# 10^7 tracks) took 0.4 s with 2 MiB pages against 1.0 s with 4 KiB ones on a virtual machine whose
# host still backed the memory (5 to 18 s with either where it did not); and random reads over
# factor matrices larger than the TLB's reach miss it on almost every row.
jvm_flags=()
thp=/sys/kernel/mm/transparent_hugepage/enabled
if [ -r "$thp" ] && grep -qE '\[(always|madvise)\]' "$thp"; then
  jvm_flags+=(-XX:+UseTransparentHugePages)
fi
