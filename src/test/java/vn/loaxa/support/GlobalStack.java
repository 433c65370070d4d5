package vn.loaxa.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers {@link StackResource} for every {@code @QuarkusTest}. */
@WithTestResource(value = StackResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalStack {
    private GlobalStack() {}
}
