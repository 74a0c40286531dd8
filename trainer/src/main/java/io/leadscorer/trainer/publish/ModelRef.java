package io.leadscorer.trainer.publish;

import io.leadscorer.avro.ModelCommand;
import io.leadscorer.avro.ShadowModel;
import io.leadscorer.model.bundle.Bundle;

/** A bundle as a command names it: its id, where the scorers find it, and the SHA-256 of its manifest. */
public record ModelRef(String modelId, String bundleUri, String manifestSha256) {

    /** The bundle at its absolute path, as a scorer that mounts the model store at the same path sees it. */
    public static ModelRef of(Bundle bundle) {
        return new ModelRef(bundle.modelId(), bundle.dir().toAbsolutePath().normalize().toUri().toString(),
                bundle.manifestSha256());
    }

    static ModelRef live(ModelCommand command) {
        return new ModelRef(command.getModelId(), command.getBundleUri(), command.getManifestSha256());
    }

    static ModelRef of(ShadowModel shadow) {
        return new ModelRef(shadow.getModelId(), shadow.getBundleUri(), shadow.getManifestSha256());
    }
}
