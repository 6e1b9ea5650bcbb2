package io.bookingkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookingkit.spring.internal.TemplateLoadFailureAnalyzer;
import io.bookingkit.template.ConfirmationMode;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.template.TemplateLoadException;
import io.bookingkit.template.TemplateLoadException.Problem;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Templates from ready ones, from files and from properties, all read by the library's one
 * loader, and the startup errors that name what to fix.
 */
class TemplateConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BookingAutoConfigurationTest.STARTER);

    @Test
    void templatesWrittenAsPropertiesKeepTheirDottedKeys() {
        runner.withPropertyValues(
                "bookingkit.templates.massage.duration=45m",
                "bookingkit.templates.massage.buffer.after=15m",
                "bookingkit.templates.massage.limit.customer.day=1",
                "bookingkit.templates.massage.same-day=false",
                "bookingkit.templates.massage.confirmation=manual",
                "bookingkit.templates.massage.confirmation.expiry=6h").run(context -> {
                    ServiceTemplate massage = context.getBean(TemplateCatalog.class).get("massage");
                    assertThat(massage.name()).isEqualTo("massage");
                    assertThat(massage.bufferAfter()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(massage.sameDayAllowed()).isFalse();
                    assertThat(massage.confirmation()).isEqualTo(ConfirmationMode.MANUAL);
                    assertThat(TemplateCatalog.toProperties(massage)).containsEntry("duration", "45m")
                            .containsEntry("limit.customer.day", "1").containsEntry("confirmation.expiry", "6h");
                });
    }

    @Test
    void templatesWrittenInYamlBindTheSame() {
        runner.withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("spring.config.location=classpath:templates-in-yaml.yml").run(context -> {
                    ServiceTemplate consultation = context.getBean(TemplateCatalog.class).get("consultation");
                    assertThat(consultation.bufferAfter()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(consultation.confirmation()).isEqualTo(ConfirmationMode.MANUAL);
                    assertThat(consultation.pendingExpiry()).isEqualTo(Duration.ofHours(6));
                });
    }

    @Test
    void templateFilesAreFoundAtTheDefaultLocationOrTheConfiguredOnes() {
        runner.run(context -> assertThat(context.getBean(TemplateCatalog.class).get("haircut").bufferAfter())
                .isEqualTo(Duration.ofMinutes(5)));
        runner.withPropertyValues("bookingkit.template-locations=classpath:alt-templates/*.properties").run(context ->
                assertThat(context.getBean(TemplateCatalog.class).names()).containsExactly("massage"));
        runner.withPropertyValues("bookingkit.template-locations=").run(context ->
                assertThat(context.getBean(TemplateCatalog.class).names()).isEmpty());
    }

    @Test
    void readyTemplatesAreIncludedByNameAndReplacedByFilesAndProperties() {
        runner.withPropertyValues("bookingkit.verticals=barber,doctor", "bookingkit.template-locations=",
                "bookingkit.templates.doctor.duration=15m").run(context -> {
                    TemplateCatalog catalog = context.getBean(TemplateCatalog.class);
                    assertThat(catalog.names()).containsExactlyInAnyOrder("barber", "doctor");
                    assertThat(catalog.get("barber")).isEqualTo(TemplateCatalog.verticals().get("barber"));
                    assertThat(catalog.get("doctor").minDuration()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(catalog.get("doctor").limits().perCustomerWeek()).as("only what the properties say")
                            .isEqualTo(OptionalInt.empty());
                });
        runner.withPropertyValues("bookingkit.templates.haircut.duration=20m").run(context ->
                assertThat(context.getBean(TemplateCatalog.class).get("haircut").minDuration())
                        .as("the property template replaces the file").isEqualTo(Duration.ofMinutes(20)));
    }

    @Test
    void aBadTemplatePropertyFailsStartupNamingEveryBadProperty() {
        runner.withPropertyValues("bookingkit.templates.massage.duration=soon",
                "bookingkit.templates.massage.colour=blue").run(failsWith(e -> {
                    assertThat(e.source()).isEqualTo("bookingkit.templates.massage");
                    assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder(
                            "bookingkit.templates.massage.duration", "bookingkit.templates.massage.colour");
                    assertThat(e.getMessage()).contains("\n  bookingkit.templates.massage.duration=soon: ")
                            .contains("\n  bookingkit.templates.massage.colour=blue: unknown key");
                }));
        runner.withPropertyValues("bookingkit.templates.massage.duration=1h", "bookingkit.templates.massage.name=spa")
                .run(failsWith(e -> assertThat(e.getMessage())
                        .contains("bookingkit.templates.massage.name=spa: the template's name is its key")));
    }

    @Test
    void aBadTemplateFileFailsStartupNamingTheFileAndEveryBadKey() {
        runner.withPropertyValues("bookingkit.template-locations=classpath:broken-templates/*.properties")
                .run(failsWith(e -> {
                    assertThat(e.source()).contains("broken.properties");
                    assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("duration", "colour");
                }));
    }

    @Test
    void twoFilesOfOneTemplateFailStartupNamingBoth() {
        runner.withPropertyValues("bookingkit.template-locations=classpath:twin-templates/*.properties")
                .run(failsWith(e -> assertThat(e.getMessage()).contains("two.properties")
                        .contains("another template file has this name").contains("one.properties")));
    }

    @Test
    void aFileThatSeveralLocationsFindIsReadOnce() {
        runner.withPropertyValues("bookingkit.template-locations=classpath*:bookingkit/*.properties,"
                + "classpath:bookingkit/haircut.properties,classpath*:bookingkit/haircut.properties").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TemplateCatalog.class).names()).containsExactly("haircut");
                });
    }

    @Test
    void anUnknownReadyTemplateFailsStartupNamingTheProperty() {
        runner.withPropertyValues("bookingkit.verticals=barber,barbr").run(failsWith(e -> assertThat(e.getMessage())
                .contains("bookingkit.verticals[1]=barbr: not a ready template")));
    }

    @Test
    void theFailureReportSaysWhatToFix() {
        TemplateLoadException cause = new TemplateLoadException("bookingkit.templates.massage",
                List.of(new Problem("bookingkit.templates.massage.duration", "soon", "not a duration")));
        FailureAnalysis analysis = new TemplateLoadFailureAnalyzer()
                .analyze(new BeanCreationException("bookingTemplates", "failed", cause));
        assertThat(analysis.getDescription()).contains("bookingkit.templates.massage.duration=soon: not a duration");
        assertThat(analysis.getAction()).contains("README");
        // Spring Boot's own analyzers want constructor arguments this plain lookup does not give.
        SpringFactoriesLoader.FailureHandler skipOthers = (factoryType, name, failure) -> { };
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, skipOthers))
                .as("registered for Spring Boot's startup report").hasAtLeastOneElementOfType(TemplateLoadFailureAnalyzer.class);
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(Consumer<TemplateLoadException> check) {
        return context -> assertThat(context).getFailure().rootCause()
                .isInstanceOfSatisfying(TemplateLoadException.class, check);
    }
}
