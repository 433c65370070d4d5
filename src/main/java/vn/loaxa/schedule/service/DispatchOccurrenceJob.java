package vn.loaxa.schedule.service;

import jakarta.enterprise.context.Dependent;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import vn.loaxa.dispatch.service.DispatchService;

/** Fired by Quartz once per occurrence: sends the occurrence to every targeted receiver. */
@Dependent
public class DispatchOccurrenceJob implements Job {
    private static final Logger LOG = Logger.getLogger(DispatchOccurrenceJob.class);

    private final DispatchService dispatch;

    public DispatchOccurrenceJob(DispatchService dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        UUID occurrenceId = UUID.fromString(context.getMergedJobDataMap().getString(OccurrenceTriggers.OCCURRENCE_ID));
        try {
            dispatch.dispatch(occurrenceId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Dispatch of occurrence %s failed", occurrenceId);
            throw new JobExecutionException(e, false);
        }
    }
}
