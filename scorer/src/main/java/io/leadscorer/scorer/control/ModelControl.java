package io.leadscorer.scorer.control;

import ai.djl.Device;
import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ModelStatus;
import io.leadscorer.model.bundle.BundleLimits;
import io.leadscorer.schemas.serde.AvroWireSerde;
import io.leadscorer.scorer.config.ScorerSettings;
import io.leadscorer.scorer.config.ScorerStreamsConfig;
import io.leadscorer.scorer.metrics.ScorerMetrics;
import io.leadscorer.scorer.predict.ActiveGeneration;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the hot-swap machinery of one scorer instance from its settings: the status publisher and the control loop
 * with its deployer, loader and locator. The service's factory and the tests call the same two functions, so what
 * is tested is what runs.
 */
public final class ModelControl {

    private ModelControl() {
    }

    public static ModelStatusPublisher statusPublisher(ScorerSettings settings, Clock clock) {
        return new ModelStatusPublisher(new KafkaProducer<>(ScorerStreamsConfig.statusProducer(settings),
                new StringSerializer(), AvroWireSerde.of(ModelStatus.class, ScorerStreamsConfig.serdeConfig(settings),
                false).serializer()), settings.topics().status(), settings.effectiveInstanceId(), clock);
    }

    public static ControlLoop loop(ScorerSettings settings, Device device, ActiveGeneration active,
                                   ModelStatusPublisher status, ScorerMetrics metrics, Clock clock) {
        GenerationLoader loader = new GenerationLoader(device, BundleLimits.DEFAULT, settings.batch().size(),
                settings.kafka().numStreamThreads(), generation -> metrics.generationClosed());
        ModelDeployer deployer = new ModelDeployer(new BundleLocator(Path.of(settings.model().store())), loader,
                active, status, metrics, Path.of(settings.model().initialBundle()), clock);
        return new ControlLoop(() -> new KafkaConsumer<>(ScorerStreamsConfig.controlConsumer(settings)),
                AvroWireSerde.of(ModelCommand.class, ScorerStreamsConfig.serdeConfig(settings), false).deserializer(),
                settings.topics().control(), settings.applicationId(), deployer);
    }
}
