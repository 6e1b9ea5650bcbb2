/**
 * The starter's workings: template loading from properties and files, the scheduled
 * maintenance, the data source the store draws its own connections from, and the startup
 * failure report. Not API.
 */
package io.bookingkit.spring.internal;
