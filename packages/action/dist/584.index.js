"use strict";
exports.id = 584;
exports.ids = [584];
exports.modules = {

/***/ 73584:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   adobeShape: () => (/* binding */ adobeShape),
/* harmony export */   keysAt: () => (/* binding */ keysAt),
/* harmony export */   periscopeShape: () => (/* binding */ periscopeShape),
/* harmony export */   policyShape: () => (/* binding */ policyShape),
/* harmony export */   rosterSchema: () => (/* binding */ rosterSchema),
/* harmony export */   rosterShape: () => (/* binding */ rosterShape),
/* harmony export */   sigmaShape: () => (/* binding */ sigmaShape),
/* harmony export */   vendorsShape: () => (/* binding */ vendorsShape)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46585);
/* harmony import */ var _model_policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2466);


/**
 * The shape of roster.yml (docs/roster-yml.md). Every object is strict: an unknown key is an
 * error with a "did you mean" (load-config.ts), never silently ignored, because a misspelt
 * `absent-user: deactivate` that did nothing would look reviewed and be wrong.
 */
const names = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().trim().min(1, "must not be empty")).min(1, "must list at least one name");
/** One name or a list: `sigma: Analytics` and `sigma: [Analytics]` mean the same. */
const nameOrNames = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().trim().min(1, "must not be empty"), names]);
const percent = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(100),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^\s*\d+(\.\d+)?\s*%?\s*$/, "must be a percentage such as 10 or 10%")
        .transform((text) => Number(text.trim().replace(/%$/, "")))
        .pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(100)),
]);
/** Policy keys every vendor accepts (the CLI flags of the same names, policy.ts). */
const policyShape = {
    "absent-users": zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_model_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .ABSENT_USER_ACTIONS */ .Or).optional(),
    "group-scope": zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_model_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .GROUP_SCOPES */ .EH).optional(),
    "create-groups": zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    protect: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().trim().min(1)).optional(),
    "removal-threshold": percent.optional(),
    "removal-floor": zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).optional(),
};
const sigmaShape = { ...policyShape };
const adobeShape = {
    ...policyShape,
    "default-identity-type": zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(["adobeID", "enterpriseID", "federatedID"]).optional(),
    "default-country": zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US")
        .optional(),
};
const periscopeShape = {
    ...policyShape,
    sites: names.optional(),
};
/** A vendor written with no settings (`sigma:` alone) is managed with the default policy. */
const orEmpty = (schema) => zod__WEBPACK_IMPORTED_MODULE_1__/* .preprocess */ .vkY((value) => value ?? {}, schema);
const vendorsShape = {
    sigma: orEmpty(zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(sigmaShape)).optional(),
    periscope: orEmpty(zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(periscopeShape)).optional(),
    adobe: orEmpty(zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(adobeShape)).optional(),
};
const rosterShape = {
    users: nameOrNames.optional(),
    vendors: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(vendorsShape),
    // Mapping keys are checked in load-config.ts: a vendor id, or `periscope.<site>` for a listed site.
    groups: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().trim().min(1), orEmpty(zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), nameOrNames))).optional(),
};
const rosterSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(rosterShape);
/** The keys an object at `path` accepts, for "did you mean" (undefined: free-form keys). */
function keysAt(path) {
    if (path.length === 0)
        return Object.keys(rosterShape);
    const [first, second] = path;
    if (first === "vendors") {
        if (path.length === 1)
            return Object.keys(vendorsShape);
        if (second === "sigma")
            return Object.keys(sigmaShape);
        if (second === "adobe")
            return Object.keys(adobeShape);
        if (second === "periscope")
            return Object.keys(periscopeShape);
    }
    return undefined;
}
//# sourceMappingURL=schema.js.map

/***/ })

};
;