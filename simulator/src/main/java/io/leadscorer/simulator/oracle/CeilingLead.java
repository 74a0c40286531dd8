package io.leadscorer.simulator.oracle;

import io.leadscorer.simulator.world.Column;
import io.leadscorer.simulator.world.IdLatents;
import io.leadscorer.simulator.world.SimulatedLead;

/**
 * What the id-effect ceiling knows about one lead: its label and true probability, the part of its true
 * log-odds that the row's other cells determine ({@code restLogit}), its ids with the weight the true
 * formula gives each id's latent, and the company history cells the row shows (null when empty).
 *
 * @param converted       the label
 * @param probability     the true probability of conversion
 * @param restLogit       the true log-odds without the company and owner latents
 * @param companyId       {@code customer_idx}, -1 when empty
 * @param companyWeight   log-odds per unit of company quality (0 when the id is empty)
 * @param ownerId         {@code lead_owner}, -1 when empty
 * @param ownerWeight     log-odds per unit of owner skill (0 when the id is empty)
 * @param historicalCount {@code historical_existing_cnt} as the row shows it, or null
 * @param winRate         {@code com_reg_ver_win_rate} as the row shows it, or null
 */
public record CeilingLead(boolean converted, double probability, double restLogit, long companyId, double companyWeight,
                          long ownerId, double ownerWeight, Long historicalCount, Double winRate) {

    /** The ceiling's view of a simulated lead. */
    public static CeilingLead of(SimulatedLead lead) {
        IdLatents ids = lead.idLatents();
        return new CeilingLead(lead.converted(), lead.probability(), lead.logit() - ids.effect(), ids.companyId(),
                ids.companyWeight(), ids.ownerId(), ids.ownerWeight(),
                (Long) lead.value(Column.HISTORICAL_EXISTING_CNT), (Double) lead.value(Column.COM_REG_VER_WIN_RATE));
    }
}
