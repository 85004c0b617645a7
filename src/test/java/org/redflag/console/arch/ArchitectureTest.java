package org.redflag.console.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.redflag.console.errors.ErrorReporter;

/** The shape of the house, checked: logic below the UI knows nothing of JavaFX; one door for notifications. */
@AnalyzeClasses(packages = "org.redflag.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    /** Everything outside ui, packages added later included, stays free of JavaFX. */
    static final ArchRule noJavaFxBelowTheUi = noClasses()
            .that().resideInAPackage("org.redflag.console..")
            .and().resideOutsideOfPackage("org.redflag.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..");

    @ArchTest
    static final ArchRule onlyTheNotifierShowsNotifications = noClasses()
            .that().doNotHaveFullyQualifiedName("org.redflag.console.ui.FxNotifier")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.controlsfx.control.Notifications");

    /** A notification only ever follows a history row: nobody but the error door asks a Notifier to show one. */
    @ArchTest
    static final ArchRule onlyTheErrorDoorShowsErrors = noClasses()
            .that().doNotHaveFullyQualifiedName(ErrorReporter.class.getName())
            .should().callMethodWhere(target(name("showError"))
                    .and(target(owner(assignableTo(ErrorReporter.Notifier.class)))));

    @ArchTest
    static final ArchRule viewsNeverTouchJdbc = noClasses()
            .that().resideInAPackage("org.redflag.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..");

    /** Feature packages depend on each other one way only: a cycle would make them one package in two folders. */
    @ArchTest
    static final ArchRule featurePackagesFormNoCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("org.redflag.console.(*)..").should().beFreeOfCycles();
}
