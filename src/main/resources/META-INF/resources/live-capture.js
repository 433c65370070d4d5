// The live page's capture: hands the microphone's samples (mono, the context's rate) to the page as they come.
class LiveCapture extends AudioWorkletProcessor {
  process(inputs) {
    const input = inputs[0];
    if (input && input.length > 0) {
      this.port.postMessage(input[0].slice(0));
    }
    return true;
  }
}
registerProcessor('live-capture', LiveCapture);
