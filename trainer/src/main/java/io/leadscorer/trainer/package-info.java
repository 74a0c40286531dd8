/**
 * The trainer command. Its beans (this package and below) stay out of a context that sets {@code trainer.enabled}
 * to false: the scorer instances of {@code ./lead-scorer demo} do, since they share a class path with the trainer.
 */
@Configuration
@Requires(property = "trainer.enabled", notEquals = "false")
package io.leadscorer.trainer;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
