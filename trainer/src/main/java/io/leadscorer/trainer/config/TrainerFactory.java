package io.leadscorer.trainer.config;

import ai.djl.Device;
import io.leadscorer.model.predict.Devices;
import io.leadscorer.trainer.data.CsvLeadReader;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Beans that are not the trainer's own classes: the clock, the DJL device, the CSV reader. */
@Factory
public class TrainerFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    CsvLeadReader csvLeadReader() {
        return new CsvLeadReader();
    }

    /** The device from {@code trainer.device}. */
    @Singleton
    Device device(TrainingSettings settings) {
        return Devices.choose(settings.device());
    }
}
