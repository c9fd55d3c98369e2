package dev.encore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.als.AlsConfig;
import dev.encore.als.IterationStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TrainingJobTest {
  private static final TrainingPlan PLAN = TrainingPlan.exactly(AlsConfig.defaults().withIterations(10));

  /** A clock the test moves. */
  private static final class SteppedClock extends Clock {
    Instant now = Instant.parse("2026-12-03T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static IterationStats iteration(int number) {
    return new IterationStats(number, 10, 0.1, Double.NaN);
  }

  @Test
  void aCancelledRunStopsAtItsNextIterationWithTheReason() {
    TrainingJob job = new TrainingJob(1, "request", PLAN, new SteppedClock(), Duration.ofHours(1));
    job.markRunning();
    job.iterationFinished(iteration(1));
    assertThat(job.cancel("cancelled by request")).isTrue();
    assertThatThrownBy(() -> job.iterationFinished(iteration(2)))
        .isInstanceOf(TrainingJob.Stopped.class).hasMessage("cancelled by request");
    job.markFailed("cancelled by request");
    assertThat(job.cancel("again")).as("a finished job has nothing to cancel").isFalse();
  }

  @Test
  void aRunPastItsTimeLimitStopsAtItsNextIterationAndNotBefore() {
    SteppedClock clock = new SteppedClock();
    TrainingJob job = new TrainingJob(1, "request", PLAN, clock, Duration.ofMinutes(30));
    job.markRunning();
    clock.now = clock.now.plus(Duration.ofMinutes(30));
    job.iterationFinished(iteration(1));
    clock.now = clock.now.plusSeconds(1);
    assertThatThrownBy(() -> job.iterationFinished(iteration(2)))
        .isInstanceOf(TrainingJob.Stopped.class).hasMessageContaining("PT30M").hasMessageContaining("--max-training-time");
  }
}
