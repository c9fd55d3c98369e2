package dev.encore.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bytes written to Spark's shuffle, from its own task metrics, per job group (one group per ALS
 * iteration: {@link BlockedAls#jobGroup}). Retried tasks count again, as their bytes really
 * crossed the shuffle again.
 */
final class ShuffleMeter extends SparkListener {
  private static final long WAIT_MILLIS = 10_000;

  private final Map<Integer, String> groupByStage = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bytesByGroup = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runningJobsByGroup = new ConcurrentHashMap<>();
  private final Map<Integer, String> groupByJob = new ConcurrentHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String group = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.jobGroup.id");
    if (group == null) {
      return;
    }
    groupByJob.put(jobStart.jobId(), group);
    runningJobsByGroup.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
    for (Object stage : CollectionConverters.asJava(jobStart.stageIds())) {
      groupByStage.put((Integer) stage, group);
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    String group = groupByJob.remove(jobEnd.jobId());
    if (group != null) {
      runningJobsByGroup.get(group).decrementAndGet();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    String group = groupByStage.get(taskEnd.stageId());
    TaskMetrics metrics = taskEnd.taskMetrics();
    if (group != null && metrics != null) {
      bytesByGroup.computeIfAbsent(group, g -> new AtomicLong()).addAndGet(metrics.shuffleWriteMetrics().bytesWritten());
    }
  }

  /**
   * The shuffle bytes of a group's jobs, once the listener bus has delivered their end (it runs
   * behind the jobs); -1 if it has not within ten seconds.
   */
  long bytes(String group) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      AtomicInteger running = runningJobsByGroup.get(group);
      if (running != null && running.get() == 0) {
        AtomicLong bytes = bytesByGroup.get(group);
        return bytes == null ? 0 : bytes.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }
}
