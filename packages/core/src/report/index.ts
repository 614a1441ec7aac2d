export * from "./banner.js";
export * from "./describe-change.js";
export * from "./escape.js";
export * from "./render-json.js";
export * from "./render-markdown.js";
export * from "./render-review.js";
export * from "./render-text.js";
export * from "./render-validation.js";
