// One animation loop for every playground on the page: each frame shares one
// training budget among those on screen and playing (or running `step(n)`),
// then draws those on screen, in turns when frames run late, input first.
// Off-screen playgrounds, and all in a hidden tab, do no work.

/** Milliseconds of training per frame for the whole page, at most. */
export const TRAIN_BUDGET_MS = 10;
/** ... and at least, while anything trains (each turn takes at least one mini-batch step). */
const MIN_TRAIN_BUDGET_MS = 1;
/**
 * A frame's own work at most. The browser's raster and compositing of what is
 * drawn cost about as much again, untimed here: so the drawing allowance
 * also halves whenever a frame comes late, and grows back slowly.
 */
const FRAME_WORK_MS = 12;
/**
 * The display's frame interval is taken a tenth of the way up the last this
 * many, sorted (at 60 frames a second, one second's): a frame that comes a
 * few milliseconds after another, as Firefox sometimes gives, must not make
 * every later frame look late, which would stop all drawing but input's.
 */
const INTERVALS = 60;
/** Events inside a playground that should be drawn in the very next frame. */
const INPUT_EVENTS = ['pointerdown', 'pointerup', 'pointermove', 'keydown', 'input', 'change', 'click'];

class Scheduler {
  constructor() {
    this.views = [];
    this.frames = 0; // frames run; each view keeps the last one it trained and was drawn in
    this.budget = TRAIN_BUDGET_MS;
    this.drawBudget = FRAME_WORK_MS;
    this.refresh = 1000 / 60; // the display's frame interval (see INTERVALS)
    this.intervals = new Float64Array(INTERVALS).fill(this.refresh); // the last frames', a ring
    this.sortedIntervals = new Float64Array(INTERVALS);
    this.intervalCount = 0;
    this.lastFrame = 0;
    this.raf = 0;
    this.timer = 0;
    this.frame = this.frame.bind(this);
    /** What the last frames did, for benchmarks: `{trainMs, budgetMs, drawBudgetMs, trained, drawn, workMs, late}`. */
    this.log = [];
    document.addEventListener('visibilitychange', () => this.wake());
  }

  /** Runs `view` from now on; input inside `host` gets it drawn in the next frame. */
  add(view, host) {
    this.views.push(view);
    view.trainedAt = 0;
    view.drawnAt = 0;
    view.urgent = true;
    view.onInput = () => { view.urgent = true; };
    for (const type of INPUT_EVENTS) host.addEventListener(type, view.onInput, true);
    view.inputHost = host;
    this.shareMemory();
    this.wake();
  }

  /** Stops running `view` (its playground already freed). */
  remove(view) {
    this.views = this.views.filter((v) => v !== view);
    for (const type of INPUT_EVENTS) view.inputHost?.removeEventListener(type, view.onInput, true);
    this.shareMemory();
  }

  /** The page's playgrounds changed: each fits its timeline to its new share, playing or not. */
  shareMemory() {
    for (const v of this.views) {
      try { v.pg.fit_timeline(); } catch { /* a playground that faulted holds nothing more */ }
    }
  }

  /** Makes sure a frame is coming: by animation frame, or in a hidden tab by timer for `step` requests. */
  wake() {
    if (!this.views.length) return;
    if (document.visibilityState === 'hidden') {
      // No animation frames in a hidden tab: only `step(n)` requests go on.
      if (!this.timer && this.views.some((v) => v.jobs.length)) this.timer = setTimeout(() => this.frame(performance.now()), 0);
    } else if (!this.raf) {
      this.raf = requestAnimationFrame(this.frame);
    }
  }

  /** Takes one frame's interval into the estimate of the display's (no allocation: it runs every frame). */
  noteInterval(interval) {
    this.intervals[this.intervalCount++ % INTERVALS] = interval;
    this.sortedIntervals.set(this.intervals);
    this.sortedIntervals.sort();
    this.refresh = Math.max(1000 / 240, this.sortedIntervals[Math.floor(INTERVALS / 10)]);
  }

  frame(now) {
    if (this.raf) cancelAnimationFrame(this.raf); // run by the timer: one frame, not two
    this.raf = 0;
    clearTimeout(this.timer);
    this.timer = 0;
    const hidden = document.visibilityState === 'hidden';
    const start = performance.now();
    // Was the last frame late (by the animation frames' own times)?
    const interval = this.lastFrame && !hidden ? now - this.lastFrame : 0;
    this.lastFrame = hidden ? 0 : now;
    if (interval > 0) this.noteInterval(interval);
    const late = interval > 1.5 * this.refresh;
    this.frames += 1;
    const live = this.views.filter((v) => !v.stopped);
    // Training: one budget for the page, in turns (who waited longest goes
    // first); a turn takes at least one mini-batch step, so the budget holds
    // to within one step, and a large network's epoch spans frames.
    // Words held back from the last frame's renders go before anything trains
    // (see View.redraw). Where frames run long (this one late, or the budget
    // cut), their playgrounds neither train nor draw in this one (unless
    // answering input), which then lays out their words and little else.
    const strained = late || this.budget < TRAIN_BUDGET_MS;
    for (const v of live) {
      v.resting = strained && Boolean(v.wordsWaiting);
      if (v.wordsWaiting) v.showWaitingWords();
    }
    const trainers = live.filter((v) => v.jobs.length || (!hidden && v.visible && v.playing && !v.resting))
      .sort((a, b) => a.trainedAt - b.trainedAt);
    let trainMs = 0;
    const trained = [];
    for (const [i, v] of trainers.entries()) {
      if (trainMs >= this.budget && trained.length) break;
      const share = (this.budget - trainMs) / (trainers.length - i);
      const t = performance.now();
      v.train(share);
      v.trainedAt = this.frames;
      trainMs += performance.now() - t;
      trained.push(v);
    }
    // Drawing: what had input first, then in turn until the frame's work is spent.
    const drawn = [];
    if (!hidden) {
      // Those on screen, and any never drawn yet (once, in turn).
      const order = live.filter((v) => (v.visible || !v.drawnOnce) && !(v.resting && !v.urgent)).sort((a, b) => (b.urgent - a.urgent) || (a.drawnAt - b.drawnAt));
      for (const v of order) {
        // After a late frame, only what had input: the browser is still catching up.
        if (!v.urgent && (late || (drawn.length && performance.now() - start > Math.min(FRAME_WORK_MS, trainMs + this.drawBudget)))) break;
        const answering = v.urgent;
        v.urgent = false;
        v.draw(answering);
        v.drawnAt = this.frames;
        drawn.push(v);
      }
    }
    // Adapt: a frame over its work shrinks the training budget, one under it grows it back.
    const workMs = performance.now() - start;
    this.log.push({ trainMs, budgetMs: this.budget, drawBudgetMs: this.drawBudget, trained: trained.length, drawn: drawn.length, workMs, late });
    if (this.log.length > 600) this.log.splice(0, 300);
    if (workMs > FRAME_WORK_MS) this.budget = Math.max(MIN_TRAIN_BUDGET_MS, this.budget - (workMs - FRAME_WORK_MS));
    else if (!late) this.budget = Math.min(TRAIN_BUDGET_MS, this.budget + 0.5);
    if (late) this.drawBudget *= 0.5;
    else this.drawBudget = Math.min(FRAME_WORK_MS, this.drawBudget + 0.1);
    this.wake();
  }
}

/** The page's one scheduler. */
export const scheduler = new Scheduler();
