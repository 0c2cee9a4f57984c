package app.goblina.worker.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import app.goblina.jobs.PipelineJob;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/ARCHITECTURE.md, checked on the compiled classes of the shared module and the
 * worker. A rule that matches no class fails too, so a renamed package cannot make a rule pass by matching nothing.
 */
class WorkerArchitectureTest {

    private static final String[] PORTS = {"app.goblina.analysis", "app.goblina.scenarios", "app.goblina.narration",
        "app.goblina.clips"};
    private static final String[] STAGES = {"app.goblina.worker.analysis..", "app.goblina.worker.scenarios..",
        "app.goblina.worker.narration..", "app.goblina.worker.clips..", "app.goblina.worker.assembly..",
        "app.goblina.worker.cancel..", "app.goblina.worker.pipeline..", "app.goblina.worker.sweeper..",
        "app.goblina.worker.spending..", "app.goblina.worker.callbacks.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.goblina");
    }

    @Test
    void theDomainDependsOnTheJdkAlone() {
        classes().that().resideInAPackage("app.goblina.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "app.goblina.domain..")
                .check(classes);
    }

    @Test
    void thePortsAndTheirFailuresDependOnTheJdkAndTheDomainAlone() {
        classes().that().resideInAnyPackage(PORTS).or().resideInAPackage("app.goblina.failures")
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(PORTS, "java..", "app.goblina.domain..",
                        "app.goblina.failures"))
                .check(classes);
    }

    @Test
    void theSharedModuleNeverDependsOnTheApiOrTheWorker() {
        noClasses().that().resideInAPackage("app.goblina..")
                .and().resideOutsideOfPackages("app.goblina.worker..", "app.goblina.api..", "app.goblina.testkit..",
                        "app.goblina.launcher..")
                .should().dependOnClassesThat().resideInAnyPackage("app.goblina.worker..", "app.goblina.api..")
                .check(classes);
    }

    @Test
    void theWorkerPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("app.goblina.worker.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void providerAdaptersNeverDependOnTheStagesThatUseThem() {
        noClasses().that().resideInAPackage("app.goblina.worker.providers..")
                .should().dependOnClassesThat().resideInAnyPackage(STAGES)
                .check(classes);
    }

    @Test
    void mediaDependsOnNothingElseInTheWorker() {
        noClasses().that().resideInAPackage("app.goblina.worker.media..")
                .should().dependOnClassesThat(resideInAPackage("app.goblina.worker..")
                        .and(describe("outside media", (JavaClass c) -> !c.getPackageName().startsWith("app.goblina.worker.media"))))
                .check(classes);
    }

    @Test
    void jobsCarryIdsAndValuesNeverEntities() {
        fields().that().areDeclaredInClassesThat().implement(PipelineJob.class).and().areNotStatic()
                .should().haveRawType(describe("a JDK value type",
                        (JavaClass type) -> type.isPrimitive() || type.getPackageName().startsWith("java.")))
                .check(classes);
        noClasses().that().implement(PipelineJob.class)
                .should().dependOnClassesThat().resideInAnyPackage("app.goblina.persistence..")
                .check(classes);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
