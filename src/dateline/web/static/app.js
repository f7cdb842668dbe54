// dateline's pages work without this file; it follows a running ingest and adds
// "open all" / "close all" to a timeline.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".status[data-job]");
  if (status && ["queued", "running"].includes(status.dataset.state)) {
    const follow = async () => {
      try {
        const response = await fetch(`/api/ingest/${encodeURIComponent(status.dataset.job)}`);
        const job = await response.json();
        status.textContent = `${job.state}: ${job.read} read, ${job.analysed} analysed`;
        if (job.state === "done" || job.state === "failed") {
          window.location.reload();
          return;
        }
      } catch (error) {
        status.textContent = "lost touch with the server; reload the page";
        return;
      }
      window.setTimeout(follow, 1000);
    };
    window.setTimeout(follow, 500);
  }

  const timeline = document.querySelector(".timeline");
  if (timeline && timeline.querySelector("details")) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Open all";
    button.addEventListener("click", () => {
      const open = button.textContent === "Open all";
      timeline.querySelectorAll("details").forEach((d) => { d.open = open; });
      button.textContent = open ? "Close all" : "Open all";
    });
    timeline.querySelector("h2").after(button);
  }
});
