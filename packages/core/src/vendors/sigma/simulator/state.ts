import type {
  SigmaAccountType,
  SigmaAttributeValue,
  SigmaMember,
  SigmaTeam,
  SigmaTeamMemberEntry,
  SigmaUserAttribute,
} from "../wire-types.js";
import { defaultSigmaSimConfig, type SigmaSimConfig } from "./config.js";
import {
  parseSigmaSeed,
  SIGMA_BUILTIN_ACCOUNT_TYPES,
  SIGMA_DEMO_CLIENT_ID,
  SIGMA_DEMO_CLIENT_SECRET,
  type SigmaSeed,
} from "./seed.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type SimMember = Mutable<SigmaMember>;
export type SimTeam = Mutable<Omit<SigmaTeam, "members" | "workspaceId">> & {
  readonly members: Map<string, Omit<SigmaTeamMemberEntry, "userId">>;
};
export interface SimAssignment {
  value: SigmaAttributeValue;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}
export type SimAttribute = Mutable<SigmaUserAttribute> & {
  readonly users: Map<string, SimAssignment>;
  /** Team-level values by teamId (docs/vendors/sigma.md#user-attributes), not managed by Roster. */
  readonly teams: Map<string, string>;
};

interface SimToken {
  readonly expiresAt: number;
}

/** What `GET /__sandbox/state` shows: plain JSON, in creation order. */
export interface SigmaSimSnapshot {
  readonly organizationId: string;
  readonly selfMemberId: string;
  readonly accountTypes: readonly SigmaAccountType[];
  readonly members: readonly SigmaMember[];
  readonly teams: readonly (SigmaTeam & { readonly members: readonly string[] })[];
  readonly userAttributes: readonly (SigmaUserAttribute & {
    readonly assignments: readonly { readonly userId: string; readonly value: SigmaAttributeValue }[];
  })[];
  /** Emails that received an invitation (`POST /v2/members` with `sendInvite` not false). */
  readonly invitations: readonly string[];
  readonly config: SigmaSimConfig;
}

/** The simulator's whole mutable state. Ids are deterministic so runs and logs are reproducible. */
export class SigmaSimStore {
  organizationId = "org-demo";
  clientId = SIGMA_DEMO_CLIENT_ID;
  clientSecret = SIGMA_DEMO_CLIENT_SECRET;
  selfMemberId = "";
  config: SigmaSimConfig = defaultSigmaSimConfig;
  accountTypes: SigmaAccountType[] = [];
  readonly members = new Map<string, SimMember>();
  readonly teams = new Map<string, SimTeam>();
  readonly attributes = new Map<string, SimAttribute>();
  readonly accessTokens = new Map<string, SimToken>();
  readonly refreshTokens = new Set<string>();
  invitations: string[] = [];
  private sequence = 0;
  /** The clock at seeding time; later objects use the request's clock. */
  private seededAt = Date.UTC(2026, 0, 1);

  constructor(seed?: SigmaSeed) {
    this.reset(seed);
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence.toString(36).padStart(8, "0")}`;
  }

  /** A UUID-shaped id (teams, attributes, request ids are UUIDs in Sigma). */
  nextUuid(): string {
    this.sequence += 1;
    return `00000000-0000-4000-8000-${this.sequence.toString(16).padStart(12, "0")}`;
  }

  requestId(): string {
    return this.nextUuid();
  }

  findMemberByEmail(email: string): SimMember | undefined {
    const wanted = email.toLowerCase();
    for (const member of this.members.values()) if (member.email.toLowerCase() === wanted) return member;
    return undefined;
  }

  findAccountType(name: string): SigmaAccountType | undefined {
    const wanted = name.toLowerCase();
    return this.accountTypes.find((type) => type.accountTypeName.toLowerCase() === wanted);
  }

  addMember(
    fields: Pick<SigmaMember, "email" | "firstName" | "lastName" | "memberType"> & Partial<SigmaMember>,
    now: number,
  ): SimMember {
    const at = new Date(now).toISOString();
    const memberId = this.nextId("m");
    const member: SimMember = {
      organizationId: this.organizationId,
      memberId,
      profileImgUrl: null,
      createdBy: this.selfMemberId || memberId,
      updatedBy: this.selfMemberId || memberId,
      createdAt: at,
      updatedAt: at,
      homeFolderId: this.nextUuid(),
      userKind: "internal",
      isArchived: false,
      isInactive: false,
      ...fields,
    };
    this.members.set(memberId, member);
    return member;
  }

  addTeam(name: string, now: number, extra: { description?: string; visibility?: "public" | "private" } = {}): SimTeam {
    const at = new Date(now).toISOString();
    const team: SimTeam = {
      teamId: this.nextUuid(),
      name,
      description: extra.description ?? null,
      visibility: extra.visibility ?? "private",
      createdBy: this.selfMemberId,
      updatedBy: this.selfMemberId,
      createdAt: at,
      updatedAt: at,
      isArchived: false,
      members: new Map(),
    };
    this.teams.set(team.teamId, team);
    return team;
  }

  addAttribute(name: string, now: number, extra: { description?: string; defaultValue?: string } = {}): SimAttribute {
    const at = new Date(now).toISOString();
    const attribute: SimAttribute = {
      userAttributeId: this.nextUuid(),
      name,
      description: extra.description ?? null,
      defaultValue: extra.defaultValue === undefined ? null : { type: "string", val: extra.defaultValue },
      createdBy: this.selfMemberId,
      updatedBy: this.selfMemberId,
      createdAt: at,
      updatedAt: at,
      users: new Map(),
      teams: new Map(),
    };
    this.attributes.set(attribute.userAttributeId, attribute);
    return attribute;
  }

  reset(rawSeed?: unknown): void {
    const seed = parseSigmaSeed(rawSeed);
    const now = this.seededAt;
    this.sequence = 0;
    this.members.clear();
    this.teams.clear();
    this.attributes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.invitations = [];
    this.organizationId = seed.organizationId ?? "org-demo";
    this.clientId = seed.client?.clientId ?? SIGMA_DEMO_CLIENT_ID;
    this.clientSecret = seed.client?.clientSecret ?? SIGMA_DEMO_CLIENT_SECRET;
    this.accountTypes = (seed.accountTypes ?? SIGMA_BUILTIN_ACCOUNT_TYPES).map((name) => ({
      accountTypeId: this.nextUuid(),
      accountTypeName: name,
      description: null,
      isCustom: !SIGMA_BUILTIN_ACCOUNT_TYPES.includes(name.toLowerCase()),
    }));
    this.selfMemberId = "";
    const teamsByName = new Map<string, SimTeam>();
    for (const entry of seed.teams ?? []) {
      const spec = typeof entry === "string" ? { name: entry } : entry;
      teamsByName.set(spec.name, this.addTeam(spec.name, now, spec));
    }
    const attributesByName = new Map<string, SimAttribute>();
    for (const entry of seed.userAttributes ?? []) {
      const spec = typeof entry === "string" ? { name: entry } : entry;
      attributesByName.set(spec.name, this.addAttribute(spec.name, now, spec));
    }
    for (const spec of seed.members ?? []) {
      const member = this.addMember(
        {
          email: spec.email,
          firstName: spec.firstName ?? "",
          lastName: spec.lastName ?? "",
          memberType: this.findAccountType(spec.memberType ?? "viewer")?.accountTypeName ?? spec.memberType ?? "viewer",
          isArchived: spec.isArchived ?? false,
          isInactive: spec.isInactive ?? false,
          userKind: spec.userKind ?? "internal",
        },
        now,
      );
      for (const name of spec.teams ?? []) {
        const team = teamsByName.get(name);
        if (!team) throw new Error(`Sigma seed: member ${spec.email} names unknown team "${name}"`);
        team.members.set(member.memberId, { isTeamAdmin: false, addedBy: member.memberId });
      }
      for (const [name, val] of Object.entries(spec.attributes ?? {})) {
        const attribute = attributesByName.get(name);
        if (!attribute) throw new Error(`Sigma seed: member ${spec.email} names unknown attribute "${name}"`);
        const at = new Date(now).toISOString();
        attribute.users.set(member.memberId, {
          value: { type: "string", val },
          createdBy: member.memberId,
          updatedBy: member.memberId,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    const selfEmail = seed.client?.memberEmail;
    const self =
      (selfEmail === undefined ? undefined : this.findMemberByEmail(selfEmail)) ??
      this.addMember(
        {
          email: selfEmail ?? `api-client@${this.organizationId}.example`,
          firstName: "API",
          lastName: "Client",
          memberType: this.findAccountType("admin")?.accountTypeName ?? "admin",
        },
        now,
      );
    this.selfMemberId = self.memberId;
  }

  snapshot(): SigmaSimSnapshot {
    return {
      organizationId: this.organizationId,
      selfMemberId: this.selfMemberId,
      accountTypes: this.accountTypes,
      members: [...this.members.values()].map((member) => ({ ...member })),
      teams: [...this.teams.values()].map(({ members, ...team }) => ({ ...team, members: [...members.keys()] })),
      userAttributes: [...this.attributes.values()].map(({ users, teams: _teams, ...attribute }) => ({
        ...attribute,
        assignments: [...users].map(([userId, assignment]) => ({ userId, value: assignment.value })),
      })),
      invitations: [...this.invitations],
      config: this.config,
    };
  }
}
