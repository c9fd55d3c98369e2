package dev.encore.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Computes Encore's feature vector ({@link AudioFeatures#NAMES}) from audio, following librosa's
 * default conventions at 22,050 Hz so the numbers are comparable with GTZAN's published features:
 *
 * <ul>
 *   <li>Frames of 2,048 samples every 512 (92.9 ms every 23.2 ms), centred and zero-padded; other
 *       sample rates keep those durations ({@link Framing}). Periodic Hann window, FFT by JTransforms.</li>
 *   <li>{@code mfcc1..5} and {@code mfcc6_mean..mfcc20_mean}: mean over frames of the MFCCs from 128 Slaney mel bands (0-11,025 Hz),
 *       log power in dB (floor 1e-10, 80 dB range), orthonormal DCT-II ({@link Mfcc}).</li>
 *   <li>{@code tempo} (BPM) and {@code beat_strength} (0-1) from the autocorrelation of the onset
 *       envelope ({@link TempoEstimator}); 0 and 0 when no beat is found.</li>
 *   <li>{@code energy}: mean over frames of the frame RMS (samples in [-1, 1]).</li>
 *   <li>{@code loudness}: the RMS of the whole recording in dB full scale, 20 log10(RMS): a
 *       full-scale square wave is 0 dB, a full-scale sine -3.01 dB; floored at
 *       {@link #SILENCE_DB} for digital silence.</li>
 *   <li>{@code spectral_centroid}, {@code spectral_rolloff} (85%), {@code spectral_bandwidth}:
 *       means over frames in Hz, on the magnitude spectrum up to 11,025 Hz ({@link SpectralShape}).</li>
 *   <li>{@code happy}, {@code sad}, {@code energetic}, {@code calm}: NaN (missing). They are
 *       listeners' judgements that no rule on these measurements predicts reliably, so Encore
 *       leaves them to tags or tabular sources instead of guessing.</li>
 *   <li>{@code zero_crossing_rate_mean}: sign changes per sample at 22,050 Hz, mean over frames.</li>
 *   <li>Variances over frames ({@code mfcc1_var..mfcc20_var}, {@code rms_var}, ...), named as
 *       GTZAN's columns ({@link AudioFeatures#NAMES}).</li>
 * </ul>
 *
 * Stereo and multichannel audio is mixed down to the mean of its channels first. Every value is
 * finite for any input, silence included. Stateless and safe to share between threads.
 */
public final class AudioFeatureExtractor {
  public static final int MEL_BANDS = 128;
  public static final double ROLLOFF_SHARE = 0.85;
  /** The loudness of digital silence, and the floor for any quieter signal. */
  public static final double SILENCE_DB = -120;


  /** Decodes {@code file} (WAV, AIFF, AU, MP3, FLAC, Ogg Vorbis: see {@link DecodedAudio}) and measures it. */
  public AudioFeatures extract(Path file) throws AudioFileException {
    try (DecodedAudio audio = DecodedAudio.open(file)) {
      return measure(audio, file);
    } catch (AudioFileException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioFileException(file, "reading failed: " + e.getMessage(), e);
    }
  }

  /** Measures mono samples in [-1, 1] recorded at {@code sampleRate} Hz. */
  public AudioFeatures extract(float[] samples, float sampleRate) {
    if (!(sampleRate >= DecodedAudio.MIN_SAMPLE_RATE && sampleRate <= DecodedAudio.MAX_SAMPLE_RATE)) {
      throw new IllegalArgumentException("sample rate " + sampleRate + " Hz must be " + (int) DecodedAudio.MIN_SAMPLE_RATE
          + " to " + (int) DecodedAudio.MAX_SAMPLE_RATE + " Hz");
    }
    for (int i = 0; i < samples.length; i++) {
      if (!Float.isFinite(samples[i])) {
        throw new IllegalArgumentException("sample " + i + " is " + samples[i] + "; samples must be finite");
      }
    }
    try {
      return measure(SampleSource.of(samples, sampleRate), null);
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory signal cannot fail to read", e);
    }
  }

  private AudioFeatures measure(SampleSource source, Path file) throws IOException {
    Framing framing = Framing.forRate(source.sampleRate());
    FrameReader frames = new FrameReader(source, framing);
    Spectrum spectrum = new Spectrum(framing);
    MelFilterbank filterbank = new MelFilterbank(framing, MEL_BANDS, 0, Framing.TOP_FREQUENCY);
    LogMelSpectrogram logMel = new LogMelSpectrogram(MEL_BANDS);
    double[] melPower = new double[MEL_BANDS];
    RunningMoments rms = new RunningMoments();
    RunningMoments centroid = new RunningMoments();
    RunningMoments rolloff = new RunningMoments();
    RunningMoments bandwidth = new RunningMoments();
    RunningMoments zeroCrossings = new RunningMoments();
    while (frames.next()) {
      float[] frame = frames.frame();
      rms.add(rootMeanSquare(frame));
      zeroCrossings.add(framing.perAnalysisSample(zeroCrossingRate(frame)));
      spectrum.analyse(frame);
      SpectralShape shape = SpectralShape.of(spectrum.magnitude(), framing, ROLLOFF_SHARE);
      centroid.add(shape.centroid());
      rolloff.add(shape.rolloff());
      bandwidth.add(shape.bandwidth());
      filterbank.apply(spectrum.power(), melPower);
      logMel.add(melPower);
    }
    if (frames.samplesRead() == 0) {
      if (file != null) {
        throw new AudioFileException(file, "holds no audio samples");
      }
      throw new IllegalArgumentException("the signal has no samples");
    }
    logMel.clipToDynamicRange();
    RunningMoments[] mfccs = mfccMoments(logMel);
    TempoEstimator.Tempo tempo = TempoEstimator.estimate(OnsetEnvelope.of(logMel), framing.framesPerSecond());
    double loudness = Math.max(SILENCE_DB, 10 * Math.log10(frames.sumOfSquares() / frames.samplesRead()));

    float[] values = new float[AudioFeatures.NAMES.size()];
    Arrays.fill(values, Float.NaN);
    for (int c = 0; c < AudioFeatures.MFCC_COUNT; c++) {
      set(values, AudioFeatures.mfccMeanName(c + 1), mfccs[c].mean());
      set(values, "mfcc" + (c + 1) + "_var", mfccs[c].variance());
    }
    set(values, "tempo", tempo.bpm());
    set(values, "beat_strength", tempo.strength());
    set(values, "energy", rms.mean());
    set(values, "loudness", loudness);
    set(values, "spectral_centroid", centroid.mean());
    set(values, "spectral_rolloff", rolloff.mean());
    set(values, "spectral_bandwidth", bandwidth.mean());
    set(values, "rms_var", rms.variance());
    set(values, "spectral_centroid_var", centroid.variance());
    set(values, "spectral_bandwidth_var", bandwidth.variance());
    set(values, "rolloff_var", rolloff.variance());
    set(values, "zero_crossing_rate_mean", zeroCrossings.mean());
    set(values, "zero_crossing_rate_var", zeroCrossings.variance());
    return new AudioFeatures(frames.samplesRead() / (double) source.sampleRate(), source.sampleRate(), values);
  }

  private static RunningMoments[] mfccMoments(LogMelSpectrogram logMel) {
    Mfcc mfcc = new Mfcc(MEL_BANDS, AudioFeatures.MFCC_COUNT);
    double[] coefficients = new double[AudioFeatures.MFCC_COUNT];
    RunningMoments[] moments = new RunningMoments[AudioFeatures.MFCC_COUNT];
    Arrays.setAll(moments, c -> new RunningMoments());
    for (int frame = 0; frame < logMel.frames(); frame++) {
      mfcc.compute(logMel, frame, coefficients);
      for (int c = 0; c < coefficients.length; c++) {
        moments[c].add(coefficients[c]);
      }
    }
    return moments;
  }

  private static void set(float[] values, String name, double value) {
    values[AudioFeatures.NAMES.indexOf(name)] = (float) value;
  }

  private static double rootMeanSquare(float[] frame) {
    double sum = 0;
    for (float sample : frame) {
      sum += (double) sample * sample;
    }
    return Math.sqrt(sum / frame.length);
  }

  /**
   * The share of neighbouring samples whose signs differ, as librosa's
   * {@code zero_crossing_rate} (0 counts as positive).
   */
  private static double zeroCrossingRate(float[] frame) {
    int crossings = 0;
    for (int i = 1; i < frame.length; i++) {
      if ((frame[i] >= 0) != (frame[i - 1] >= 0)) {
        crossings++;
      }
    }
    return crossings / (double) frame.length;
  }
}
