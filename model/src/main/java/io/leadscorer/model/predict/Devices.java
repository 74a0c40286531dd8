package io.leadscorer.model.predict;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Turns a device setting into a DJL device: {@code auto} (a GPU when the engine sees one, else the CPU),
 * {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. Asking for a GPU that is not there fails at once
 * instead of silently scoring on the CPU.
 */
public final class Devices {

    private Devices() {}

    public static Device choose(String setting) {
        return choose(setting, Engine.getInstance().getGpuCount());
    }

    static Device choose(String setting, int gpuCount) {
        String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (value.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        if (value.equals("gpu") || value.equals("cuda")) {
            return gpu(setting, 0, gpuCount);
        }
        if (value.startsWith("gpu:") || value.startsWith("cuda:")) {
            String index = value.substring(value.indexOf(':') + 1);
            try {
                return gpu(setting, Integer.parseInt(index), gpuCount);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + setting + "': '" + index + "' is not a GPU number");
            }
        }
        throw new IllegalArgumentException("device '" + setting + "' is not one of auto, cpu, gpu, gpu:N");
    }

    private static Device gpu(String setting, int index, int gpuCount) {
        if (index < 0 || index >= gpuCount) {
            throw new IllegalArgumentException("device '" + setting + "' asks for GPU " + index + " but "
                    + (gpuCount == 0 ? "the engine sees no GPU" : "the engine sees only " + gpuCount
                    + " (gpu:0 to gpu:" + (gpuCount - 1) + ")"));
        }
        return Device.gpu(index);
    }
}
