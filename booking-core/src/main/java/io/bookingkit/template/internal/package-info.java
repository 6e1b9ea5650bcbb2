/** Reading templates from properties, with every bad key reported at once. Internal. */
package io.bookingkit.template.internal;
