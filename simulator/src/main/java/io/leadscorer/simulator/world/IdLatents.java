package io.leadscorer.simulator.world;

/**
 * The part of a lead's true log-odds that belongs to its ids: the company's latent quality and the sales
 * owner's latent skill, each with the weight the conversion model gives it. The rest of the log-odds is a
 * function of the row's other cells, so {@code logit = rest + companyWeight * companyQuality + ownerWeight *
 * ownerSkill}. An id the row leaves empty has weight 0 and id -1, as the conversion model then leaves its
 * effect out. Both latents are standard normal over the world's companies and owners.
 *
 * @param companyId      {@code customer_idx} of the row, -1 when empty
 * @param companyWeight  log-odds per unit of company quality (0 when the id is empty)
 * @param companyQuality the company's latent quality
 * @param ownerId        {@code lead_owner} of the row, -1 when empty
 * @param ownerWeight    log-odds per unit of owner skill (0 when the id is empty)
 * @param ownerSkill     the owner's latent skill
 */
public record IdLatents(long companyId, double companyWeight, double companyQuality, long ownerId, double ownerWeight,
                        double ownerSkill) {

    /** The log-odds these latents add. */
    public double effect() {
        return companyWeight * companyQuality + ownerWeight * ownerSkill;
    }
}
