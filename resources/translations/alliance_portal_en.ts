<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EntrySummary</name>
    <message>
        <source>%1 GPU-hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waitlisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance &quot;%1&quot; (%2), origin %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol %1 as %2 of startup %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol %1 as %2 of sponsor %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appoint the registry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme %1 &quot;%2&quot;, open %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor %1 &quot;%2&quot; (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledge %1 of %2 into pool %3 from %4 for %5, valid until %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close pool %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup %1 &quot;%2&quot;, BRN %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application %1 by %2 to %3: %4 of %5, &quot;%6&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign 1 reviewer to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign %1 reviewers to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review of %1: conflict of interest declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review of %1: %2 (total %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application %1 withdrawn: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant %1: %2 GPU-hours from pool %3 for application %4, 1 tranche, expires %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant %1: %2 GPU-hours from pool %3 for application %4, %5 tranches, expires %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release tranche %1 of grant %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %1 of %2 from grant %3 (%4, %5 to %6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire the remaining credits of grant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claw back %1 from grant %2 (%3): %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve entry %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 GPU-h %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawed back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not possible in the current stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assigned to you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My reviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsors and pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalContext</name>
    <message>
        <source>No identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 (not enrolled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Generating the demo alliance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Your role may not record this entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry is incomplete or one of its values is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something with this id already exists in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last active administrator cannot be revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credits or the period concerned have already expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool belongs to another sponsor, programme or resource than the entry names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amounts add up to more than the ledger can count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The business registration number is not valid (ten digits with a correct check digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This business registration number is already registered to another startup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The programme&apos;s call is not open for applications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not possible at the current stage of the application or grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen member is not an active reviewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reviewer is already assigned to this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not assigned to review this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reviewer who declared a conflict of interest cannot score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have already reviewed this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application has no reviews yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants are made only from approved applications.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application already has a grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource does not match the one of the pool or grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant would outlive its pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is not enough credit for this amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant is still waiting for approvals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key has already approved it; each key counts once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant has been clawed back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant has been cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry refers to something that is not in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tranche is already released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is too early: the date it depends on has not come yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This usage is already recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key concerned has been revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing key is not a member of the alliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger does not know this kind of entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry&apos;s signature does not verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry&apos;s time is too far from the registry&apos;s clock; check this computer&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger must begin with its genesis entry.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistryAddress</name>
    <message>
        <source>The port &quot;%1&quot; is not a number from 1 to 65535: type https://HOST:PORT, e.g. %2, or leave the port out for 443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the registry&apos;s address, e.g. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with https://: type https://%1 (e.g. %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry is reached over TLS only: type https:// instead of http://, e.g. https://%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry is reached over https:// only, not %1://: type https://HOST[:PORT], e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address has a user name or password before &quot;@&quot;, which a registry does not take (your key file says who you are): type https://%1 without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address has no host name: type https://HOST[:PORT], e.g. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid web address: type https://HOST[:PORT], e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address has a path (&quot;%1&quot;), but the registry answers at /v1/ right under its host: type only https://%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address has a query or fragment (&quot;?…&quot; or &quot;#…&quot;), which a registry does not take: type only https://%1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SigningCeremony</name>
    <message>
        <source>Sign and record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are about to sign:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Signed with the key of %2 (%3), key id %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of the key file %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the key was not unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You opened this ledger without an enrolled key, so you cannot sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded as entry %1; it waits for approvals before it takes effect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequenced as entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequenced all %1 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequenced %1 of %2; the others were rejected: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed and waiting in the outbox: the registry records it at the next sync. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::ApplicationPanel</name>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (recorded with the decision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign decision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New grant from this application…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have a conflict of interest with this startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare a conflict of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an application to see its profile, reviews and decision.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) · %3&lt;br&gt;Programme: %4&lt;br&gt;Requested: %5&lt;br&gt;Stage: &lt;b&gt;%6&lt;/b&gt;&lt;br&gt;Submitted: %7&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Reviewers: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none assigned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Reviews&lt;/h4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1: &lt;b&gt;declared a conflict of interest&lt;/b&gt; (does not score)&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1: total &lt;b&gt;%2&lt;/b&gt; (%3)%4&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Decision&lt;/h4&gt;&lt;p&gt;%1 on %2: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Grant: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score for %1 (0 to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (0–%2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score every criterion of the rubric, or declare a conflict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b01c1c&apos;&gt;✗ %1 matches none of the attachments (SHA-256 %2…).&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a file against the attachments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Attachments&lt;/h4&gt;&lt;p&gt;Could not read them: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the SHA-256 of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computes the file&apos;s SHA-256 and compares it with the hashes the application recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Attachments&lt;/h4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7f3a&apos;&gt;✓ %1 is the attachment “%2”: its SHA-256 matches.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;%1&lt;br&gt;&lt;small&gt;SHA-256 &lt;tt&gt;%2&lt;/tt&gt;&lt;/small&gt;&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (recorded with it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw this application…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraws the application on the startup&apos;s behalf; it can no longer be decided or granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why it is withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::ApplicationsModel</name>
    <message>
        <source>%1 assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested (GPU-hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An entry for this application is signed here and waiting in the outbox for the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::ApplicationsPage</name>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My reviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search applications (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer to assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No applications yet — they appear here when startups apply while a call is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No applications are assigned to you yet. A programme manager assigns them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the applications: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2 applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the applications to assign first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Assign %1 to %n application(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portal::ClawbackForm</name>
    <message>
        <source>GPU-hours to claw back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: all that is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breach of terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company dissolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, in a sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign clawback…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a grant first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the credits are clawed back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Credits per resource&lt;/b&gt; (GPU-hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by startups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring in 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits per resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Pools running low&lt;/b&gt; (under a tenth of the pledge left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools running low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pool is running low.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the dashboard figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%L1 applications&lt;/b&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::ExplorerPage</name>
    <message>
        <source>&lt;h2&gt;Ledger explorer&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to entry number (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to entry number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries of the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to see who signed it and its proof.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show inclusion proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Entry %1&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Type: %1&lt;br&gt;Signed by: %2&lt;br&gt;Key id: &lt;tt&gt;%3&lt;/tt&gt;&lt;br&gt;Sequenced: %4&lt;br&gt;Entry id: &lt;tt&gt;%5&lt;/tt&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ The signature verifies with the signer&apos;s key.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ The signature does not verify.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the proof…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No proof: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Inclusion proof&lt;/h4&gt;&lt;p&gt;Leaf hash &lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;Checkpoint of %L2 entries, root &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ The path leads to the checkpoint&apos;s root: the entry is in the signed log.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ The path does not lead to the checkpoint&apos;s root.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Entry %1&lt;/h3&gt;&lt;p&gt;Reading the entry…&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::FirstRunDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Alliance Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;How would you like to start?&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an existing ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledgers (*.ledger *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alliance id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ledger file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New root key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledgers (*.ledger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the ledger file to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the alliance a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The origin is one word without spaces, e.g. alliance.example/ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where the ledger and the root key are saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases must be the same and not empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new member&apos;s machine: fetch what your role may see from the alliance&apos;s registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New replica file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned key (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the replica as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2 of %L3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no CA file at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry&apos;s public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no key file at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file already exists at this path; the replica is a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking the key and asking the registry who you are…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined: %L1 entries fetched and verified.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::GrantsPage</name>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New grant… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search grants by id, startup or pool (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries waiting for approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the due tranche…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claw back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the grants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (soon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (you approved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approvals (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No grant selected. Grants are made from approved applications (Ctrl+N).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Grant %1&lt;/h3&gt;&lt;p&gt;%2 for startup %3 from pool %4&lt;br&gt;Status: &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;Expires: %6&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Balance %1 (unreleased %2, available %3)&lt;br&gt;Consumed %4 · expired %5 · clawed back %6&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Tranches&lt;/h4&gt;&lt;ol&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;%1 on %2 — %3&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the entry to approve first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire the remaining credits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves what is left of a grant past its expiry date to expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed here and waiting in the outbox for the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An entry for this grant is waiting in the outbox for the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Grant %1&lt;/h3&gt;&lt;p&gt;Waiting to sync: signed here and waiting in the outbox. It takes effect once the registry sequences it (Sync now, F5).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From pool %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::LogModel</name>
    <message>
        <source>✗ bad signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ signed · ✓ in checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ signed · awaiting checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::MainWindow</name>
    <message>
        <source>Alliance Portal — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see its details here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify (quick)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify &amp;fully (signatures, rules, projections)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget the unlocked key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your key is locked; the passphrase will be asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checkpoint yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Verified checkpoint: %L1 entries, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint %L1 entries, %2 (not verified yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying fully… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This ledger failed verification at %1: %2 (%3). Do not rely on what it shows; restore it from a backup or fetch it again from the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Sync stopped. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::NewGrantForm</name>
    <message>
        <source>Give at least one tranche, e.g. 1,200 @ 2026-12-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;New grant&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tranches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1,200 @ 2026-12-01; 600 @ 2027-03-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours @ release date, separated by &apos;;&apos;. Without a date a tranche is released at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign grant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tranches:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approved application is waiting for a grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open pool of this programme holds this resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the expiry date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expiry date must be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::PoolsPage</name>
    <message>
        <source>Sponsors and pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left in pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the pools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Your sponsor has no pools yet. Pledge one to fund a programme.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No pools yet. Sponsors pledge pools to fund a programme.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pool %1&lt;/h3&gt;&lt;p&gt;Sponsor %2, programme %3&lt;br&gt;Pledged %4&lt;br&gt;Granted %5 in %6 grants (%7 waiting for approvals)&lt;br&gt;Consumed %8 · expired %9 · clawed back %10&lt;br&gt;Left in pool %11&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Grants by startup&lt;/h4&gt;&lt;table cellpadding=&apos;3&apos;&gt;&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;Startup&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;Granted&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;Used&lt;/th&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;… and %1 more.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation of the pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted, not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation of the pools (GPU-hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Utilisation %1 (granted of pledged)&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The pool is closed.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Valid until %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, pledged by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::PortalApp</name>
    <message>
        <source>Demo alliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2026-01-01; empty: from the beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2026-04-01 (not included); empty: to the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run-out forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounting journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening balance, every movement and closing balance of one startup, per resource, with expiry dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per pool and per startup: pledged, granted, used, expired, clawed back and returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications submitted in the period: stage, decision times and review scores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active grants holding credit that expires within the given number of days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When each grant runs out at its recent rate of use, and what will expire unused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every movement as a plain-text accounting journal for ledger and hledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal (ledger, hledger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheet text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a date. Write it as 2026-06-30 or 2026-06-30T12:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period is empty: “From” must be before “To”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the report to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such startup or sponsor in this ledger (%1). Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All startups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the startup whose statement you want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sponsors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::SettingsDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity (key file):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (*.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no key file (with its .pub beside it) at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned registry key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned key (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync interval in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry&apos;s public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This replica (%1)&lt;/b&gt; syncs with the registry below; a change applies to it. Ledgers joined later start from the defaults.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::StartupPage</name>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource of the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn-down chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Apply for credits&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign application…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read your balances: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;%1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (within 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (passed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawed back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance (GPU-hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the use of the last 90 days (%1 GPU-h), the balance of %2 GPU-h runs out on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage in the last 90 days: the balance of %1 GPU-h is not being used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credits yet: apply for a grant (the form on the right).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credits left of this resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call is open now; you can apply when the next one opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the application a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has been granted and can no longer be withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 and can no longer be withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you withdraw it (recorded with it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the selected application…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you withdraw it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — SHA-256 %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the file&apos;s name and SHA-256 go into the ledger; keep the file to show it to the programme manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the application to withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 attachments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the attached file…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::StartupsModel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance (GPU-hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::StartupsPage</name>
    <message>
        <source>&lt;p&gt;No credits yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2 startups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, expires &lt;b style=&apos;color:#9a5b00&apos;&gt;%1 (within 30 days)&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Members&lt;/h4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Applications&lt;/h4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Id: %1&lt;br&gt;BRN: %2&lt;br&gt;Sector: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, id or BRN (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the startups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &lt;b&gt;%2&lt;/b&gt; left, %3 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No startup matches. Clear the search or choose another sector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h4&gt;Balances&lt;/h4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Could not read the startup %1.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a startup to see its balances, members and applications.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No member keys enrolled.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;%1 “%2”: %3, &lt;b&gt;%4&lt;/b&gt; (%5)&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No applications yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::SyncJob</name>
    <message>
        <source>Sending the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the registry&apos;s checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching and verifying new entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s certificate was not accepted, so nothing was sent. If it uses a private CA, choose its CA file (and check the pin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry address is not valid: it must be https://HOST[:PORT].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pin is not valid: it is sha256// followed by the base64 of a SHA-256 hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry at %1 cannot be reached (no network, or the host is down).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry does not know this key: it is not enrolled in the alliance. Ask an administrator to enrol it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key has been revoked; the registry no longer accepts it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase does not unlock the key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s log contradicts the checkpoint this ledger verified before: sync stopped and nothing here was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file already exists at that path; choose a new file for the replica.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry serves a different alliance than expected; nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry refused: this key&apos;s role may not do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Detail: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ledger is not a replica of a registry, so there is nothing to sync with. Use File &gt; Join a registry to make one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You opened this ledger without an enrolled key, so you cannot sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer yet; trying again (attempt %1) in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standalone ledger: not synced with a registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Fork detected: sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the outbox keeps your entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next sync in %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching and verifying entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was fetched so far is kept in %1; joining again to the same file continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::SyncPage</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the outbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox is empty: every entry signed here is in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting for the registry, %2 rejected, %3 in the outbox in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the outbox to the registry and fetch what is new (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: this is a standalone ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ FORK: the registry&apos;s log contradicts the checkpoint this ledger verified. Sync has stopped and nothing here was changed. Keep this ledger and tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 entries, root %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2 of %L3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 (%2 recorded, %3 rejected); fetched %4 new entries; the registry&apos;s log has %L5 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1 Your entries stay in the outbox and are sent at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync cancelled; what was already fetched is kept and the next sync continues.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>portal::UsageForm</name>
    <message>
        <source>Usage key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign usage record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU-hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a grant first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the usage key of the provider&apos;s record (at most 128 bytes); it makes imports idempotent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
