package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.template.TemplateLoadException.Problem;
import io.bookingkit.template.internal.TemplateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The service templates an engine knows, by name. Templates are built in code or loaded from
 * {@code .properties} files (UTF-8); a bad file fails with every bad key and why, in one
 * {@link TemplateLoadException}.
 *
 * <p>Ready templates for five verticals ship in the jar: see {@link #verticals()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TemplateCatalog {

    /** The names of the templates {@link #verticals()} loads, in order. */
    public static final List<String> VERTICALS =
            List.of("barber", "psychologist", "doctor", "field-service", "group-class");

    private static final String VERTICALS_FOLDER = "/io/bookingkit/template/";

    private final Map<String, ServiceTemplate> templates;

    private TemplateCatalog(Map<String, ServiceTemplate> templates) {
        this.templates = templates;
    }

    /**
     * A catalog of {@code templates}.
     *
     * @param templates the templates, each with its own name
     * @return the catalog
     * @throws InvalidRequestException if two share a name
     */
    public static TemplateCatalog of(ServiceTemplate... templates) {
        return of(Arrays.asList(Require.nonNull(templates, "templates")));
    }

    /**
     * A catalog of {@code templates}.
     *
     * @param templates the templates, each with its own name
     * @return the catalog
     * @throws InvalidRequestException if two share a name
     */
    public static TemplateCatalog of(Collection<ServiceTemplate> templates) {
        Require.nonNull(templates, "templates");
        Map<String, ServiceTemplate> byName = new LinkedHashMap<>();
        for (ServiceTemplate template : templates) {
            Require.nonNull(template, "template");
            if (byName.putIfAbsent(template.name(), template) != null) {
                throw new InvalidRequestException("Two templates are named '" + template.name() + "'");
            }
        }
        return new TemplateCatalog(Map.copyOf(byName));
    }

    /**
     * The ready templates for barber, psychologist, doctor, field-service and group-class.
     *
     * @return a catalog of the templates named in {@link #VERTICALS}
     */
    public static TemplateCatalog verticals() {
        List<ServiceTemplate> list = new ArrayList<>();
        for (String name : VERTICALS) {
            String resource = VERTICALS_FOLDER + name + ".properties";
            try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing built-in template " + resource);
                }
                list.add(load(new InputStreamReader(in, StandardCharsets.UTF_8), resource));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read built-in template " + resource, e);
            }
        }
        return of(list);
    }

    /**
     * Reads one template from {@code .properties} text.
     *
     * @param source names the text in error messages, such as its file name
     * @param reader the text; read to its end and not closed
     * @return the template
     * @throws TemplateLoadException listing every bad key and why
     */
    public static ServiceTemplate load(Reader reader, String source) {
        Require.nonNull(reader, "reader");
        Require.nonNull(source, "source");
        Properties settings = new Properties();
        try {
            settings.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new TemplateLoadException(source, List.of(new Problem("(file)", null, "unreadable: " + e.getMessage())));
        }
        return TemplateProperties.read(settings, source);
    }

    /**
     * Reads one template from settings already parsed into keys and values, such as an
     * application's configuration properties: the same keys as a file's, the inverse of
     * {@link #toProperties(ServiceTemplate)}.
     *
     * @param settings the template's keys and values, {@code name} included
     * @param source   names the settings in error messages, such as their prefix
     * @return the template
     * @throws TemplateLoadException listing every bad key and why
     */
    public static ServiceTemplate load(Map<String, String> settings, String source) {
        Require.nonNull(settings, "settings");
        Require.nonNull(source, "source");
        Properties properties = new Properties();
        settings.forEach((key, value) -> properties.setProperty(Require.nonNull(key, "settings key"),
                Require.nonNull(value, "settings[" + key + "]")));
        return TemplateProperties.read(properties, source);
    }

    /**
     * Reads one template from a UTF-8 {@code .properties} file.
     *
     * @param file the file
     * @return the template
     * @throws TemplateLoadException listing every bad key and why
     * @throws UncheckedIOException  if the file cannot be read
     */
    public static ServiceTemplate load(Path file) {
        Require.nonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template file " + file, e);
        }
    }

    /**
     * A catalog with {@code template} added, or replacing the one of the same name.
     *
     * @param template the template to add
     * @return a new catalog; this one is unchanged
     */
    public TemplateCatalog with(ServiceTemplate template) {
        Require.nonNull(template, "template");
        Map<String, ServiceTemplate> copy = new LinkedHashMap<>(templates);
        copy.put(template.name(), template);
        return new TemplateCatalog(Map.copyOf(copy));
    }

    /**
     * The template named {@code name}.
     *
     * @param name the template's name
     * @return the template
     * @throws InvalidRequestException naming the unknown template and the known ones
     */
    public ServiceTemplate get(String name) {
        Require.nonNull(name, "name");
        ServiceTemplate template = templates.get(name);
        if (template == null) {
            throw new InvalidRequestException("No template named '" + name + "'; known: " + new java.util.TreeSet<>(templates.keySet()));
        }
        return template;
    }

    /**
     * The template named {@code name}, if there is one.
     *
     * @param name the template's name
     * @return the template, or empty
     */
    public Optional<ServiceTemplate> find(String name) {
        return Optional.ofNullable(templates.get(Require.nonNull(name, "name")));
    }

    /**
     * The names of all templates.
     *
     * @return the names, unmodifiable, in no particular order
     */
    public Set<String> names() {
        return templates.keySet();
    }

    /**
     * The template's settings in {@code .properties} form, keys in documentation order.
     *
     * @param template the template to write
     * @return the settings as a template file holds them, in a new map that keeps the order
     */
    public static Map<String, String> toProperties(ServiceTemplate template) {
        return TemplateProperties.write(Require.nonNull(template, "template"));
    }
}
