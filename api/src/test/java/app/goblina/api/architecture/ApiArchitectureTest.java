package app.goblina.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API is a thin enqueuer: it shares the domain, the jobs and the repositories, never the worker's code. */
class ApiArchitectureTest {

    @Test
    void theApiNeverDependsOnTheWorker() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.goblina.api");
        noClasses().that().resideInAPackage("app.goblina.api..")
                .should().dependOnClassesThat().resideInAPackage("app.goblina.worker..")
                .check(classes);
    }
}
