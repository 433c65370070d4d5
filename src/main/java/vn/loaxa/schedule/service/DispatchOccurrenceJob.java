package vn.loaxa.schedule.service;

import jakarta.enterprise.context.Dependent;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Fired by Quartz once per occurrence: airs it (or records it missed) and schedules the next one. */
@Dependent
public class DispatchOccurrenceJob implements Job {
    private static final Logger LOG = Logger.getLogger(DispatchOccurrenceJob.class);

    private final BroadcastCycle cycle;

    public DispatchOccurrenceJob(BroadcastCycle cycle) {
        this.cycle = cycle;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        UUID occurrenceId = UUID.fromString(context.getMergedJobDataMap().getString(OccurrenceTriggers.OCCURRENCE_ID));
        try {
            cycle.fire(occurrenceId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Dispatch of occurrence %s failed", occurrenceId);
            throw new JobExecutionException(e, false);
        }
    }
}
