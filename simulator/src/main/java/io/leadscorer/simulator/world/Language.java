package io.leadscorer.simulator.world;

/**
 * Language a lead's form was filled in. A lead from a Spanish-speaking country writes a category in
 * Spanish with the given share, in English otherwise.
 */
enum Language {
    EN(0), ES(0.55), PT(0.55), KO(0.5), DE(0.3), FR(0.3), IT(0.3);

    private final double localShare;

    Language(double localShare) {
        this.localShare = localShare;
    }

    double localShare() {
        return localShare;
    }
}
