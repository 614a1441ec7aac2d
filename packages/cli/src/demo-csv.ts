/**
 * The users.csv the demo applies to the Sigma demo organisation (`sigmaDemoSeed`), also shipped as
 * examples/sigma-users.csv. Against the seed it plans one of each common change:
 * - create hedy.lamarr (new member, Sales team, region attribute),
 * - update donald.knuth (first name Donald → Don, account type explorer → creator),
 * - rename radia.perlman@ → radia@acme.example (Sigma's `new_email` column),
 * - team change for edsger.dijkstra (joins Analytics),
 * - deactivate linus.pauling.
 * The API client's own member (roster-bot@) and the archived ken.thompson are not listed, so the
 * default policy leaves them alone (reported as unmanaged).
 */
export const DEMO_USERS_CSV = `# Sigma users managed by Roster. Blank cell = leave as Sigma has it.
email,first_name,last_name,role,groups,status,new_email,attr:region
ada.lovelace@acme.example,Ada,Lovelace,admin,Analytics,active,,EMEA
grace.hopper@acme.example,Grace,Hopper,creator,Analytics;Finance,active,,AMER
alan.turing@acme.example,Alan,Turing,creator,Analytics,active,,EMEA
katherine.johnson@acme.example,Katherine,Johnson,creator,Finance,active,,
edsger.dijkstra@acme.example,Edsger,Dijkstra,explorer,Sales;Analytics,active,,EMEA
barbara.liskov@acme.example,Barbara,Liskov,explorer,Sales;Support,active,,AMER
donald.knuth@acme.example,Don,Knuth,creator,Support,active,,
margaret.hamilton@acme.example,Margaret,Hamilton,viewer,Sales,active,,APAC
linus.pauling@acme.example,Linus,Pauling,viewer,Support,deactivated,,
radia.perlman@acme.example,Radia,Perlman,viewer,,active,radia@acme.example,
hedy.lamarr@acme.example,Hedy,Lamarr,explorer,Sales,active,,AMER
`;
