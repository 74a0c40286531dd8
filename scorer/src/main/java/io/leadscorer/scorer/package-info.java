/**
 * The scorer service. Its beans (this package and below) load only where the scorer's settings are present
 * (application.yml always sets {@code scorer.application-id}), so that a Micronaut context started on a class path
 * shared with other modules, such as a trainer command run by {@code ./lead-scorer}, does not start a scorer.
 */
@Configuration
@Requires(property = "scorer.application-id")
package io.leadscorer.scorer;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
