package io.leadscorer.trainer.pipeline;

import io.leadscorer.model.network.BertConfig;
import io.leadscorer.trainer.data.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Hugging Face BERT checkpoint directory to fine-tune from (--base-model): config.json, model.safetensors and
 * the tokenizer as tokenizer.json or, for checkpoints saved by older tools, vocab.txt (turned into the
 * equivalent tokenizer.json). Checked up front so a wrong directory fails before any training.
 */
public record BaseModel(Path dir, BertConfig config, Path weights) {

    public static BaseModel at(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("--base-model " + dir + " is not a directory");
        }
        Path config = require(dir, "config.json");
        Path weights = require(dir, "model.safetensors");
        if (!Files.isRegularFile(dir.resolve("tokenizer.json")) && !Files.isRegularFile(dir.resolve(VocabTokenizer.VOCAB_FILE))) {
            throw new InputException("--base-model " + dir + " has neither tokenizer.json nor " + VocabTokenizer.VOCAB_FILE);
        }
        BertConfig bert;
        try {
            bert = BertConfig.read(config);
        } catch (RuntimeException e) {
            throw new InputException("--base-model " + config + " is not a usable BERT config: " + e.getMessage(), e);
        }
        return new BaseModel(dir, bert, weights);
    }

    /** Puts the checkpoint's tokenizer, as tokenizer.json, at {@code target} (in the bundle being written). */
    public void writeTokenizer(Path target) throws IOException {
        Path tokenizer = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizer)) {
            Files.copy(tokenizer, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            VocabTokenizer.write(dir, target);
        }
    }

    /** The checkpoint's name for the manifest: the directory name. */
    public String name() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }

    private static Path require(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InputException("--base-model " + dir + " has no " + name);
        }
        return file;
    }
}
