/**
 * A vertical's configuration: {@link io.bookingkit.template.ServiceTemplate} and the
 * {@link io.bookingkit.template.TemplateCatalog} that loads them from {@code .properties} files. API.
 */
package io.bookingkit.template;
