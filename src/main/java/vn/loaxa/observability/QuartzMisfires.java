package vn.loaxa.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

/** Counts Quartz triggers that fired late (misfired): a sign that the scheduler or the database is overloaded. */
@ApplicationScoped
public class QuartzMisfires extends TriggerListenerSupport {
    public static final String METER = "loaxa.quartz.misfires";

    private final Scheduler scheduler;
    private final Counter misfires;

    public QuartzMisfires(Scheduler scheduler, MeterRegistry registry) {
        this.scheduler = scheduler;
        this.misfires = Counter.builder(METER)
                .description("Quartz triggers that misfired")
                .register(registry);
    }

    void register(@Observes @Priority(30) StartupEvent event) throws SchedulerException {
        scheduler.getListenerManager().addTriggerListener(this);
    }

    @Override
    public String getName() {
        return "loaxa-misfire-counter";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        misfires.increment();
        getLog().warn("Quartz trigger " + trigger.getKey() + " misfired");
    }
}
