/* Search for a site opened from disk (file://), as in the offline kit.
 *
 * Material runs its search in a Web Worker, and browsers refuse to start a worker from a
 * file:// address. Opened from disk, this runs the worker's script in a hidden frame of the
 * same page instead: messages to the worker are dispatched in the frame, and what the script
 * posts comes back as the worker's messages. The frame is same-origin and blank, so nothing is
 * fetched but the worker's own file. Material's offline plugin adds its own copy of such a
 * shim from a CDN unless a polyfill's address names "iframe-worker", hence this file's name.
 * Search in English needs nothing more; the worker's extra languages (importScripts) are not
 * provided.
 */
(() => {
  "use strict";
  if (location.protocol !== "file:") return;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.queued = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      const scope = this.frame.contentWindow;
      // What the worker posts is handed to this object's listeners, never to another window.
      scope.postMessage = (data) => setTimeout(() => this.deliver(data));
      const script = scope.document.createElement("script");
      script.src = new URL(url, location.href).href;
      script.onload = () => {
        const waiting = this.queued;
        this.queued = null;
        waiting.forEach((data) => this.postMessage(data));
      };
      script.onerror = () => this.fail(`could not load ${script.src}`);
      scope.document.body.appendChild(script);
    }

    postMessage(data) {
      if (this.queued) {
        this.queued.push(data);
        return;
      }
      const scope = this.frame.contentWindow;
      setTimeout(() => scope.dispatchEvent(new scope.MessageEvent("message", { data })));
    }

    deliver(data) {
      const event = new MessageEvent("message", { data });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") this.onmessage(event);
    }

    fail(message) {
      const event = new ErrorEvent("error", { message });
      this.dispatchEvent(event);
      if (typeof this.onerror === "function") this.onerror(event);
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
