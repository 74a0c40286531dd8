package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.network.BertConfig;
import io.leadscorer.model.text.TextSpec;
import io.leadscorer.trainer.TrainerApplication;
import io.leadscorer.trainer.cli.CliOverrides;
import io.leadscorer.trainer.config.TrainingSettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** application.yml's compact network is the one `model` documents, so the two cannot drift apart unnoticed. */
class TrainingPipelineTest {

    private static ApplicationContext context(String... flags) {
        String[] args = new String[flags.length + 5];
        System.arraycopy(new String[] {"train", "--data", "x.csv", "--store", "s"}, 0, args, 0, 5);
        System.arraycopy(flags, 0, args, 5, flags.length);
        return TrainerApplication.context(CliOverrides.parse(args));
    }

    @Test
    void theDefaultCompactNetworkIsBertConfigCompactAndTheTextBudgetTextSpecDefaults() {
        try (ApplicationContext context = context()) {
            TrainingPipeline pipeline = context.getBean(TrainingPipeline.class);
            TrainingSettings settings = context.getBean(TrainingSettings.class);

            assertThat(pipeline.compactConfig(20_000)).isEqualTo(BertConfig.compact(20_000));
            assertThat(settings.text().maxTokens()).isEqualTo(TextSpec.defaults().maxTokens());
        }
    }

    @Test
    void theNetworkHasAPositionForEveryTokenOfALead() {
        try (ApplicationContext context = context("--max-tokens", "40", "--intermediate-size", "512")) {
            BertConfig config = context.getBean(TrainingPipeline.class).compactConfig(1000);

            assertThat(config.maxPositionEmbeddings()).isEqualTo(40);
            assertThat(config.intermediateSize()).isEqualTo(512);
            assertThat(config.vocabSize()).isEqualTo(1000);
        }
    }

    @Test
    void coarseColumnsAndTokenDropoutComeFromFlags() {
        try (ApplicationContext context = context("--coarse-columns", "lead_desc_length, com_reg_ver_win_rate",
                "--coarse-digits", "1", "--token-dropout", "0.1")) {
            TrainingSettings settings = context.getBean(TrainingSettings.class);

            assertThat(settings.text().columnDigits())
                    .containsExactly(entry("lead_desc_length", 1), entry("com_reg_ver_win_rate", 1));
            assertThat(settings.optimization().tokenDropout()).isEqualTo(0.1);
        }
    }
}
