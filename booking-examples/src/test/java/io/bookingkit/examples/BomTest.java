package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM that users import, as the build publishes it: without a parent (whose test-tool pins
 * an importer would inherit), listing every published module of the build and nothing else.
 */
class BomTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void thePublishedBomListsExactlyThePublishedModulesAndHasNoParent() throws Exception {
        Path flattened = ROOT.resolve("booking-bom/target/.flattened-pom.xml");
        assertTrue(Files.isRegularFile(flattened), flattened + " should have been written by the build");
        Document bom = parse(flattened);

        assertTrue(children(bom.getDocumentElement(), "parent").isEmpty(),
                "the published BOM must not have a parent");
        TreeSet<String> listed = new TreeSet<>();
        Element management = children(bom.getDocumentElement(), "dependencyManagement").get(0);
        for (Element dependency : children(children(management, "dependencies").get(0), "dependency")) {
            assertEquals("io.bookingkit", text(dependency, "groupId"), "the BOM pins only bookingkit's modules");
            listed.add(text(dependency, "artifactId"));
        }
        assertEquals(publishedModules(), listed);
    }

    /**
     * The build's modules, less the BOM itself and those that skip deployment; the release
     * profile's upload to Central, which ignores {@code maven.deploy.skip}, must leave out the
     * same ones.
     */
    private static TreeSet<String> publishedModules() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        TreeSet<String> published = new TreeSet<>();
        TreeSet<String> unpublished = new TreeSet<>();
        for (Element module : children(children(parent.getDocumentElement(), "modules").get(0), "module")) {
            Document pom = parse(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            Element project = pom.getDocumentElement();
            List<Element> properties = children(project, "properties");
            boolean skipsDeploy = !properties.isEmpty()
                    && "true".equals(text(properties.get(0), "maven.deploy.skip"));
            String artifactId = text(project, "artifactId");
            if (skipsDeploy) {
                unpublished.add(artifactId);
            } else if (!artifactId.equals("booking-bom")) {
                published.add(artifactId);
            }
        }
        assertEquals(unpublished, centralExcludes(parent),
                "the release's Central upload leaves out exactly the modules that skip deployment");
        return published;
    }

    /** What the release profile's central-publishing plugin leaves out of the upload. */
    private static TreeSet<String> centralExcludes(Document parent) {
        TreeSet<String> excluded = new TreeSet<>();
        NodeList artifacts = parent.getElementsByTagName("excludeArtifacts");
        assertEquals(1, artifacts.getLength(), "one list of artifacts the Central upload leaves out");
        for (Element artifact : children((Element) artifacts.item(0), "artifact")) {
            excluded.add(artifact.getTextContent().trim());
        }
        return excluded;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }
}
