package io.leadscorer.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void autoPrefersAGpu() {
        assertThat(Devices.choose("auto", 0)).isEqualTo(Device.cpu());
        assertThat(Devices.choose("auto", 2)).isEqualTo(Device.gpu(0));
        assertThat(Devices.choose(null, 0)).isEqualTo(Device.cpu());
    }

    @Test
    void namesDevicesExplicitly() {
        assertThat(Devices.choose("cpu", 1)).isEqualTo(Device.cpu());
        assertThat(Devices.choose("GPU", 1)).isEqualTo(Device.gpu(0));
        assertThat(Devices.choose("gpu:1", 2)).isEqualTo(Device.gpu(1));
    }

    @Test
    void refusesAGpuThatIsNotThere() {
        assertThatThrownBy(() -> Devices.choose("gpu", 0))
                .hasMessage("device 'gpu' asks for GPU 0 but the engine sees no GPU");
        assertThatThrownBy(() -> Devices.choose("gpu:2", 2))
                .hasMessage("device 'gpu:2' asks for GPU 2 but the engine sees only 2 (gpu:0 to gpu:1)");
        assertThatThrownBy(() -> Devices.choose("gpu:x", 2)).hasMessageContaining("'x' is not a GPU number");
        assertThatThrownBy(() -> Devices.choose("tpu", 2)).hasMessageContaining("not one of auto, cpu, gpu, gpu:N");
    }

    @Test
    void autoFollowsWhatTheEngineSees() {
        Device expected = Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        assertThat(Devices.choose("auto")).isEqualTo(expected);
    }
}
