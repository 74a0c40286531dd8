/**
 * The monitor service. Its beans (this package and below) load only where the monitor's settings are present
 * (its application.yml always sets {@code monitor.application-id}), so that a Micronaut context started on a class
 * path shared with the scorer and the trainer, as in {@code ./lead-scorer}, starts a monitor only when asked to.
 */
@Configuration
@Requires(property = "monitor.application-id")
package io.leadscorer.monitor;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
