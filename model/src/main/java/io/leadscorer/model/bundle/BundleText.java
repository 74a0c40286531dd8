package io.leadscorer.model.bundle;

import io.leadscorer.model.text.IdRates;
import io.leadscorer.model.text.LeadText;
import io.leadscorer.model.text.TextSpec;

/**
 * The lead text writer of a bundle: its manifest's spec, with the bundle's id rates when the spec names any (read from
 * the bytes verified when the bundle was opened).
 */
public final class BundleText {
    private BundleText() {}

    public static LeadText of(Bundle bundle) {
        TextSpec spec = bundle.manifest().text();
        LeadText text = LeadText.forSpec(spec);
        return spec.idRateColumns().isEmpty() ? text : text.withIdRates(
                IdRates.read(bundle.bytes(IdRates.FILE), bundle.modelId() + "/" + IdRates.FILE));
    }
}
