package io.leadscorer.simulator.world;

import java.util.ArrayList;
import java.util.List;

/** The terms of a vocabulary by group, so a lead can first draw what it means and then how it is written. */
final class GroupedTerms<G extends Enum<G>> {

    private final List<List<Term<G>>> byGroup = new ArrayList<>();
    private final double[][] cumulative;

    GroupedTerms(Class<G> groups, List<Term<G>> terms) {
        G[] constants = groups.getEnumConstants();
        this.cumulative = new double[constants.length][];
        for (G group : constants) {
            List<Term<G>> members = terms.stream().filter(t -> t.group() == group).toList();
            if (members.isEmpty()) {
                throw new IllegalStateException("no term for group " + group);
            }
            byGroup.add(members);
            cumulative[group.ordinal()] = Term.cumulativeWeights(members);
        }
    }

    Term<G> pick(Draws draws, G group) {
        return byGroup.get(group.ordinal()).get(draws.pick(cumulative[group.ordinal()]));
    }
}
