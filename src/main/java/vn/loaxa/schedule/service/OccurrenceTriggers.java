package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Quartz identities of broadcasts: one durable job per broadcast definition and, at any time, one trigger for its
 * next occurrence (named by the occurrence id). Never one per receiver: the count grows with broadcasts only.
 */
@ApplicationScoped
public class OccurrenceTriggers {
    public static final String GROUP = "occurrence-dispatch";
    public static final String JOB_GROUP = "broadcast";
    static final String OCCURRENCE_ID = "occurrenceId";

    private final Scheduler quartz;

    public OccurrenceTriggers(Scheduler quartz) {
        this.quartz = quartz;
    }

    /** Schedules the dispatch of an occurrence; joins the caller's transaction through the JDBC job store. */
    public void schedule(UUID broadcastId, UUID occurrenceId, Instant fireAt) {
        JobKey job = jobKey(broadcastId);
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(occurrenceId.toString(), GROUP)
                .forJob(job)
                .usingJobData(OCCURRENCE_ID, occurrenceId.toString())
                .startAt(Date.from(fireAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (!quartz.checkExists(job)) {
                JobDetail detail = JobBuilder.newJob(DispatchOccurrenceJob.class)
                        .withIdentity(job)
                        .storeDurably()
                        .requestRecovery()
                        .build();
                quartz.addJob(detail, false);
            }
            quartz.scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule the dispatch of occurrence " + occurrenceId, e);
        }
    }

    /** Removes the pending trigger of one occurrence; true when there was one, that is when it had not fired yet. */
    public boolean unschedule(UUID occurrenceId) {
        try {
            return quartz.unscheduleJob(TriggerKey.triggerKey(occurrenceId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot remove the trigger of occurrence " + occurrenceId, e);
        }
    }

    /** Removes the broadcast's job and its pending trigger. */
    public void forget(UUID broadcastId) {
        try {
            quartz.deleteJob(jobKey(broadcastId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot remove the schedule of broadcast " + broadcastId, e);
        }
    }

    private static JobKey jobKey(UUID broadcastId) {
        return JobKey.jobKey(broadcastId.toString(), JOB_GROUP);
    }
}
