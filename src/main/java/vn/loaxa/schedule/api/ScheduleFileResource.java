package vn.loaxa.schedule.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.schedule.file.InvalidScheduleException;
import vn.loaxa.schedule.file.SchedulePlan;
import vn.loaxa.schedule.file.ScheduleSetService;
import vn.loaxa.schedule.file.ScheduleSetService.SourceFile;

/** Schedules as code: the files of {@code schedules/} validated, diffed (dry run) and applied. */
@Path("/api/v1/schedules")
@RolesAllowed(Roles.SCHEDULE)
public class ScheduleFileResource {
    private final ScheduleSetService service;
    private final AccessGuard guard;

    public ScheduleFileResource(ScheduleSetService service, AccessGuard guard) {
        this.guard = guard;
        this.service = service;
    }

    public record FileSet(@NotEmpty @Size(max = 100) List<@Valid @NotNull FileContent> files) {
        List<SourceFile> sources() {
            return files.stream()
                    .map(f -> new SourceFile(f.name(), f.content()))
                    .toList();
        }
    }

    public record FileContent(@NotNull String name, @NotNull String content) {}

    @POST
    @Path("validate")
    public SchedulePlan validate(@Valid @NotNull FileSet set) {
        return orFail(service.validate(set.sources()));
    }

    @POST
    @Path("diff")
    public SchedulePlan diff(@Valid @NotNull FileSet set) {
        return orFail(service.diff(set.sources()));
    }

    @POST
    @Path("apply")
    public SchedulePlan apply(@Valid @NotNull FileSet set, SecurityContext security) {
        guard.nationwide("Applying schedule files");
        return orFail(service.apply(set.sources(), security.getUserPrincipal().getName()));
    }

    private static SchedulePlan orFail(SchedulePlan plan) {
        if (!plan.valid()) {
            throw new InvalidScheduleException(plan.errors());
        }
        return plan;
    }
}
