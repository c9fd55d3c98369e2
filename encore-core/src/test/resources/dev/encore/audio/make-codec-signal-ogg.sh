#!/usr/bin/env bash
# Re-encodes codec-signal.ogg, the Ogg Vorbis file CompressedAudioTest measures against the WAV it
# writes itself: no Vorbis encoder is on Maven Central, so this one file is made by libvorbis's
# oggenc (Debian: apt-get install vorbis-tools; made with vorbis-tools 1.4.2, libvorbis 1.3.7) from
# the same WAV, CodecSignal's. Run from the repository root after the test classes are compiled
# (./mvnw -q test-compile -pl encore-core).
set -euo pipefail
here=encore-core/src/test/resources/dev/encore/audio
wav=$(mktemp --suffix=.wav)
trap 'rm -f "$wav"' EXIT
java -cp encore-core/target/test-classes:encore-core/target/classes \
  dev.encore.audio.CodecSignal "$wav"
# Quality 3 (52 kbit/s for this sparse signal, 20 KB); a fixed serial number keeps the bytes the same.
oggenc --quiet --quality 3 --serial 1 --discard-comments -o "$here/codec-signal.ogg" "$wav"
