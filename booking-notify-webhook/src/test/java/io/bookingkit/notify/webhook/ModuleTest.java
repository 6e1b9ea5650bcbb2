package io.bookingkit.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run inside the named module, which exports the API package and nothing else. */
class ModuleTest {

    @Test
    void the_module_exports_the_api_only_and_requires_what_it_uses() {
        Module module = WebhookNotifier.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals("io.bookingkit.notify.webhook", descriptor.name());
        assertEquals(Set.of("io.bookingkit.notify.webhook"),
                descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(descriptor.opens().isEmpty(), "nothing is opened: Jackson reads no class reflectively");
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertTrue(requires.containsAll(Set.of("io.bookingkit.core", "com.fasterxml.jackson.databind", "java.net.http",
                "org.slf4j")), requires.toString());
    }
}
