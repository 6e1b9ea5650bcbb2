package io.bookingkit.spring.internal;

import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.template.TemplateLoadException;
import io.bookingkit.template.TemplateLoadException.Problem;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The catalog the properties describe: the ready templates they name, then the template files
 * their locations find (two files may not name one template), then the templates written out as
 * properties, a later kind replacing an earlier one's template of the same name. Every template is read by {@link TemplateCatalog#load}, files and
 * properties alike, so a mistake fails startup with the library's {@link TemplateLoadException}
 * listing every bad key; for properties the keys are the full property names.
 */
public final class TemplateSources {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateSources.class);

    private final List<String> verticals;
    private final List<String> locations;
    private final Map<String, Map<String, String>> properties;
    private final String prefix;

    /**
     * @param prefix the prefix of the properties, {@code bookingkit}, for the names in error messages
     */
    public TemplateSources(String prefix, List<String> verticals, List<String> locations,
                           Map<String, Map<String, String>> properties) {
        this.prefix = prefix;
        this.verticals = List.copyOf(verticals);
        this.locations = List.copyOf(locations);
        this.properties = new LinkedHashMap<>(properties);
    }

    /**
     * The catalog.
     *
     * @throws TemplateLoadException naming the file or the properties, and every bad key
     */
    public TemplateCatalog load(ResourcePatternResolver resources) {
        Map<String, Sourced> byName = new LinkedHashMap<>();
        readyTemplates().forEach(t -> byName.put(t.name(), new Sourced(t, "the ready template")));
        Map<String, String> fileOf = new LinkedHashMap<>();
        for (Resource file : files(resources)) {
            ServiceTemplate template = read(file);
            String earlier = fileOf.putIfAbsent(template.name(), file.getDescription());
            if (earlier != null) {
                throw new TemplateLoadException(file.getDescription(), List.of(new Problem("name", template.name(),
                        "another template file has this name: " + earlier)));
            }
            put(byName, new Sourced(template, file.getDescription()));
        }
        properties.forEach((name, settings) -> put(byName, new Sourced(fromProperties(name, settings),
                prefix + ".templates." + name + ".*")));
        List<ServiceTemplate> templates = byName.values().stream().map(Sourced::template).toList();
        if (templates.isEmpty()) {
            LOG.warn("bookingkit has no templates: name ready ones in {}.verticals, add template files at {}, or write "
                    + "them as {}.templates.<name>.*", prefix, locations, prefix);
        } else {
            LOG.info("bookingkit templates: {}", byName.values().stream()
                    .map(s -> s.template().name() + " (" + s.source() + ")").toList());
        }
        return TemplateCatalog.of(templates);
    }

    private List<ServiceTemplate> readyTemplates() {
        if (verticals.isEmpty()) {
            return List.of();
        }
        TemplateCatalog ready = TemplateCatalog.verticals();
        List<ServiceTemplate> chosen = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < verticals.size(); i++) {
            String name = verticals.get(i);
            Optional<ServiceTemplate> template = ready.find(name == null ? "" : name.trim());
            if (template.isPresent()) {
                chosen.add(template.get());
            } else {
                problems.add(new Problem(prefix + ".verticals[" + i + "]", name,
                        "not a ready template; they are " + TemplateCatalog.VERTICALS));
            }
        }
        if (!problems.isEmpty()) {
            throw new TemplateLoadException(prefix + ".verticals", problems);
        }
        return chosen;
    }

    /** The readable files the locations find, each once, however many of the locations find it. */
    private List<Resource> files(ResourcePatternResolver resources) {
        Map<Object, Resource> found = new LinkedHashMap<>();
        for (String location : locations) {
            try {
                Resource[] matches = resources.getResources(location);
                // The resolver's order follows the file system or the jar; a name order does not.
                Arrays.sort(matches, Comparator.comparing(r -> String.valueOf(r.getFilename())));
                for (Resource match : matches) {
                    if (match.isReadable()) {
                        found.putIfAbsent(identity(match), match);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot look for bookingkit template files at " + location
                        + " (" + prefix + ".template-locations)", e);
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * What makes two matches one file: the URI of its URL. Not the URL, whose equals resolves host
     * names; not the resource, since classpath: and classpath*: find one file as resources of
     * different kinds; and URIs, unlike URLs' strings, take file:/x and file:///x for one.
     */
    private static Object identity(Resource file) {
        try {
            return file.getURL().toURI();
        } catch (IOException | URISyntaxException e) {
            return file.getDescription();
        }
    }

    private static ServiceTemplate read(Resource file) {
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return TemplateCatalog.load(reader, file.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bookingkit template file " + file.getDescription(), e);
        }
    }

    private ServiceTemplate fromProperties(String name, Map<String, String> settings) {
        String keys = prefix + ".templates." + name;
        Map<String, String> withName = new LinkedHashMap<>(settings);
        String written = withName.putIfAbsent("name", name);
        if (written != null && !written.trim().equals(name)) {
            throw new TemplateLoadException(keys, List.of(new Problem(keys + ".name", written,
                    "the template's name is its key, '" + name + "': leave name out")));
        }
        try {
            return TemplateCatalog.load(withName, keys);
        } catch (TemplateLoadException e) {
            // The library names the keys of a file; an application's configuration knows them by
            // their full property names.
            throw new TemplateLoadException(keys, e.problems().stream()
                    .map(p -> new Problem(p.key().startsWith("(") ? keys : keys + "." + p.key(), p.value(), p.reason()))
                    .toList());
        }
    }

    private static void put(Map<String, Sourced> byName, Sourced template) {
        Sourced replaced = byName.put(template.template().name(), template);
        if (replaced != null) {
            LOG.info("bookingkit template {} from {} replaces the one from {}", template.template().name(),
                    template.source(), replaced.source());
        }
    }

    private record Sourced(ServiceTemplate template, String source) {
    }
}
