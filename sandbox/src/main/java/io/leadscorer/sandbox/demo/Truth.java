package io.leadscorer.sandbox.demo;

/** What the simulator knows about a lead it sent: whether it converted and its true probability. */
public record Truth(boolean converted, double probability) {
}
