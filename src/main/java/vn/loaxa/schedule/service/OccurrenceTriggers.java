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

/** One Quartz trigger per occurrence (never one per receiver), identified by the occurrence id. */
@ApplicationScoped
public class OccurrenceTriggers {
    public static final String GROUP = "occurrence-dispatch";
    static final String OCCURRENCE_ID = "occurrenceId";

    private final Scheduler quartz;

    public OccurrenceTriggers(Scheduler quartz) {
        this.quartz = quartz;
    }

    /** Schedules the dispatch; joins the caller's transaction through the JDBC job store. */
    public void schedule(UUID occurrenceId, Instant fireAt) {
        JobDetail job = JobBuilder.newJob(DispatchOccurrenceJob.class)
                .withIdentity(occurrenceId.toString(), GROUP)
                .usingJobData(OCCURRENCE_ID, occurrenceId.toString())
                .requestRecovery()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(occurrenceId.toString(), GROUP)
                .startAt(Date.from(fireAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule the dispatch of occurrence " + occurrenceId, e);
        }
    }

    public boolean isScheduled(UUID occurrenceId) {
        try {
            return quartz.checkExists(JobKey.jobKey(occurrenceId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
