/* MedInfo ad filler: fills the labelled slots that {% ad_slot %} reserves, from this site only.
 *
 * Each slot holds one empty box per screen width; CSS shows one of them. A box is
 * filled when it comes near the viewport (a hidden box never does), from
 * /ads/serve/, with a sponsored link through the signed click redirect. When half
 * of the ad has been in view for one second, one beacon reports the impression.
 * No dependencies, no third-party requests, no layout shift: boxes keep their size.
 */
(function () {
  "use strict";

  var SERVE_URL = "/ads/serve/";
  var IMPRESSION_URL = "/ads/impression/";
  var PRELOAD_MARGIN = "300px 0px";
  var VIEWABLE_RATIO = 0.5;
  var VIEWABLE_MS = 1000;

  if (!("IntersectionObserver" in window) || !window.fetch) {
    return; // Very old browsers keep the labelled, empty boxes.
  }

  function serveUrl(box) {
    var slot = box.closest(".ad-slot");
    var params = new URLSearchParams();
    params.set("placement", slot.dataset.placement);
    params.set("size", box.dataset.size);
    var targeting = { drug: "drug", "class": "drugClass", condition: "condition" };
    Object.keys(targeting).forEach(function (name) {
      var value = slot.dataset[targeting[name]];
      if (value) {
        params.set(name, value);
      }
    });
    return SERVE_URL + "?" + params.toString();
  }

  function adContent(ad) {
    var link = document.createElement("a");
    link.href = ad.click;
    link.rel = "sponsored noopener";
    if (ad.image) {
      var image = document.createElement("img");
      image.src = ad.image;
      image.width = ad.width;
      image.height = ad.height;
      image.alt = ad.alt;
      link.appendChild(image);
    } else {
      link.className = "ad-text";
      var headline = document.createElement("strong");
      headline.textContent = ad.headline;
      var text = document.createElement("span");
      text.textContent = ad.text;
      link.append(headline, text);
    }
    return link;
  }

  function reportImpression(token) {
    var body = new URLSearchParams({ token: token });
    if (!(navigator.sendBeacon && navigator.sendBeacon(IMPRESSION_URL, body))) {
      fetch(IMPRESSION_URL, { method: "POST", body: body, keepalive: true }).catch(function () {});
    }
  }

  // A box counts once it has been at least half visible for one uninterrupted second.
  var timers = new WeakMap();
  var viewability = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target;
      clearTimeout(timers.get(box));
      if (entry.intersectionRatio >= VIEWABLE_RATIO) {
        timers.set(box, setTimeout(function () {
          if (document.visibilityState === "visible" && box.dataset.impression) {
            viewability.unobserve(box);
            reportImpression(box.dataset.impression);
            delete box.dataset.impression;
          }
        }, VIEWABLE_MS));
      }
    });
  }, { threshold: [0, VIEWABLE_RATIO] });

  function fill(box) {
    fetch(serveUrl(box), { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        return response.status === 200 ? response.json() : null;
      })
      .then(function (ad) {
        if (!ad) {
          return;
        }
        box.replaceChildren(adContent(ad));
        box.dataset.creative = ad.creative;
        box.dataset.impression = ad.impression;
        viewability.observe(box);
      })
      .catch(function () {});
  }

  var loader = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        loader.unobserve(entry.target);
        fill(entry.target);
      }
    });
  }, { rootMargin: PRELOAD_MARGIN });

  document.querySelectorAll(".ad-slot .ad-box").forEach(function (box) {
    loader.observe(box);
  });
})();
