package vn.loaxa.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.loaxa.area.cyclefixture.AreaSide;
import vn.loaxa.inbox.cyclefixture.InboxSide;

/**
 * The features depend one way (docs/architecture.md, "Dependency order"): each top-level package of the server uses
 * only the packages of the layers below its own, never one beside or above it, and no two packages depend on each
 * other, directly or around a longer cycle.
 */
class FeatureLayersTest {
    private static final String ROOT = "vn.loaxa";

    /** Bottom first. The packages of one layer do not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("common"),
            List.of("account"),
            List.of("access"),
            List.of("area"),
            List.of("receiver"),
            List.of("language", "media", "group", "glossary"),
            List.of("bulletin"),
            List.of("search", "translation"),
            List.of("schedule"),
            List.of("delivery"),
            List.of("dispatch"),
            List.of("inbox", "live"),
            List.of("report", "observability", "audit", "demo"),
            List.of("web"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void shouldKeepTheFeaturePackagesFreeOfCycles() {
        cycles().check(MAIN);
    }

    @Test
    void shouldLetEachFeatureUseOnlyTheLayersBelowIt() {
        layers().check(MAIN);
    }

    @Test
    void shouldPlaceEveryTopLevelPackageInALayer() {
        Set<String> packages = MAIN.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(LAYERS.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(packages);
    }

    /** Two test-only classes in area and inbox that use each other: both rules must name them. */
    @Test
    void shouldReportACycleAddedBetweenTwoFeatures() {
        JavaClasses withCycle = new ClassFileImporter()
                .withImportOption(location ->
                        ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) || isCycleFixture(location))
                .importPackages(ROOT);
        assertThat(withCycle.contain(AreaSide.class) && withCycle.contain(InboxSide.class))
                .isTrue();

        EvaluationResult cycles = cycles().evaluate(withCycle);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(String.join("\n", cycles.getFailureReport().getDetails()))
                .contains(AreaSide.class.getName(), InboxSide.class.getName());

        EvaluationResult layers = layers().evaluate(withCycle);
        assertThat(layers.hasViolation()).isTrue();
        assertThat(String.join("\n", layers.getFailureReport().getDetails()))
                .contains(AreaSide.class.getName() + ".inbox");
    }

    private static boolean isCycleFixture(Location location) {
        return location.contains("/area/cyclefixture/") || location.contains("/inbox/cyclefixture/");
    }

    static ArchRule cycles() {
        return slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule layers() {
        List<ArchRule> rules = new ArrayList<>();
        for (int level = 0; level < LAYERS.size(); level++) {
            for (String feature : LAYERS.get(level)) {
                String[] notBelow = LAYERS.subList(level, LAYERS.size()).stream()
                        .flatMap(List::stream)
                        .filter(other -> !other.equals(feature))
                        .map(other -> ROOT + "." + other + "..")
                        .toArray(String[]::new);
                if (notBelow.length > 0) {
                    rules.add(noClasses()
                            .that(resideInAPackage(ROOT + "." + feature + ".."))
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(notBelow)
                            .as(feature + " uses only the layers below it"));
                }
            }
        }
        return CompositeArchRule.of(rules);
    }
}
