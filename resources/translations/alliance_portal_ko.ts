<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>EntrySummary</name>
    <message>
        <source>%1 GPU-hours</source>
        <translation>%1 GPU시간</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>waitlisted</source>
        <translation>대기 명단 등록</translation>
    </message>
    <message>
        <source>Alliance &quot;%1&quot; (%2), origin %3</source>
        <translation>얼라이언스 &quot;%1&quot; (%2), 로그 출처 %3</translation>
    </message>
    <message>
        <source>Enrol %1 as %2 of startup %3</source>
        <translation>%1을(를) 스타트업 %3의 %2(으)로 등록</translation>
    </message>
    <message>
        <source>Enrol %1 as %2 of sponsor %3</source>
        <translation>%1을(를) 후원사 %3의 %2(으)로 등록</translation>
    </message>
    <message>
        <source>Enrol %1 as %2</source>
        <translation>%1을(를) %2(으)로 등록</translation>
    </message>
    <message>
        <source>Revoke key %1: %2</source>
        <translation>키 %1 폐기: %2</translation>
    </message>
    <message>
        <source>Appoint the registry at %1</source>
        <translation>%1의 레지스트리 지정</translation>
    </message>
    <message>
        <source>Programme %1 &quot;%2&quot;, open %3 to %4</source>
        <translation>프로그램 %1 &quot;%2&quot;, 접수 %3 ~ %4</translation>
    </message>
    <message>
        <source>Sponsor %1 &quot;%2&quot; (%3)</source>
        <translation>후원사 %1 &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>Pledge %1 of %2 into pool %3 from %4 for %5, valid until %6</source>
        <translation>%4이(가) %5용 풀 %3에 %2 %1 약정, %6까지 유효</translation>
    </message>
    <message>
        <source>Close pool %1: %2</source>
        <translation>풀 %1 종료: %2</translation>
    </message>
    <message>
        <source>Startup %1 &quot;%2&quot;, BRN %3, %4</source>
        <translation>스타트업 %1 &quot;%2&quot;, 사업자등록번호 %3, %4</translation>
    </message>
    <message>
        <source>Application %1 by %2 to %3: %4 of %5, &quot;%6&quot;</source>
        <translation>%2의 신청서 %1 (%3): %5 %4, &quot;%6&quot;</translation>
    </message>
    <message>
        <source>Assign 1 reviewer to %1</source>
        <translation>%1에 심사위원 1명 배정</translation>
    </message>
    <message>
        <source>Assign %1 reviewers to %2</source>
        <translation>%2에 심사위원 %1명 배정</translation>
    </message>
    <message>
        <source>Review of %1: conflict of interest declared</source>
        <translation>%1 심사: 이해 상충 신고</translation>
    </message>
    <message>
        <source>Review of %1: %2 (total %3)</source>
        <translation>%1 심사: %2 (합계 %3)</translation>
    </message>
    <message>
        <source>Application %1 %2: %3</source>
        <translation>신청서 %1 %2: %3</translation>
    </message>
    <message>
        <source>Application %1 withdrawn: %2</source>
        <translation>신청서 %1 철회: %2</translation>
    </message>
    <message>
        <source>Grant %1: %2 GPU-hours from pool %3 for application %4, 1 tranche, expires %5</source>
        <translation>지원금 %1: 신청서 %4에 풀 %3에서 %2 GPU시간, 1회 분할, %5 만료</translation>
    </message>
    <message>
        <source>Grant %1: %2 GPU-hours from pool %3 for application %4, %5 tranches, expires %6</source>
        <translation>지원금 %1: 신청서 %4에 풀 %3에서 %2 GPU시간, %5회 분할, %6 만료</translation>
    </message>
    <message>
        <source>Release tranche %1 of grant %2</source>
        <translation>지원금 %2의 %1차 분할분 지급</translation>
    </message>
    <message>
        <source>Use %1 of %2 from grant %3 (%4, %5 to %6)</source>
        <translation>지원금 %3에서 %2 %1 사용 (%4, %5 ~ %6)</translation>
    </message>
    <message>
        <source>Expire the remaining credits of grant %1</source>
        <translation>지원금 %1의 남은 크레딧 만료</translation>
    </message>
    <message>
        <source>Claw back %1 from grant %2 (%3): %4</source>
        <translation>지원금 %2에서 %1 회수 (%3): %4</translation>
    </message>
    <message>
        <source>everything left</source>
        <translation>남은 전부</translation>
    </message>
    <message>
        <source>Approve entry %1</source>
        <translation>항목 %1 승인</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 GPU-h %2</source>
        <translation>%1 GPU시간 %2</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출됨</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>심사 중</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>승인됨</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>거절됨</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>대기 명단</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>철회됨</translation>
    </message>
    <message>
        <source>Waiting for approvals</source>
        <translation>승인 대기</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Clawed back</source>
        <translation>회수됨</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Programme manager</source>
        <translation>프로그램 매니저</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>후원사</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>감사인</translation>
    </message>
    <message>
        <source>Not a member</source>
        <translation>회원 아님</translation>
    </message>
    <message>
        <source>Not enough credit</source>
        <translation>크레딧 부족</translation>
    </message>
    <message>
        <source>Your role may not do this</source>
        <translation>이 역할로는 할 수 없습니다</translation>
    </message>
    <message>
        <source>Not possible in the current stage</source>
        <translation>현재 단계에서는 불가능합니다</translation>
    </message>
    <message>
        <source>Already reviewed</source>
        <translation>이미 심사함</translation>
    </message>
    <message>
        <source>Not assigned to you</source>
        <translation>배정되지 않음</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>My reviews</source>
        <translation>내 심사</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>지원금</translation>
    </message>
    <message>
        <source>Sponsors and pools</source>
        <translation>후원사 및 풀</translation>
    </message>
    <message>
        <source>My credits</source>
        <translation>내 크레딧</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Ledger explorer</source>
        <translation>원장 탐색기</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <source>Startups</source>
        <translation>스타트업</translation>
    </message>
</context>
<context>
    <name>PortalContext</name>
    <message>
        <source>No identity</source>
        <translation>신원 없음</translation>
    </message>
    <message>
        <source>Key %1 (not enrolled)</source>
        <translation>키 %1 (미등록)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Generating the demo alliance…</source>
        <translation>데모 얼라이언스 생성 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Demo alliance</source>
        <translation>데모 얼라이언스</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Your role may not record this entry.</source>
        <translation>귀하의 역할로는 이 항목을 기록할 수 없습니다.</translation>
    </message>
    <message>
        <source>The entry is incomplete or one of its values is not valid.</source>
        <translation>항목이 불완전하거나 값 중 하나가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>Something with this id already exists in the ledger.</source>
        <translation>같은 ID가 이미 원장에 있습니다.</translation>
    </message>
    <message>
        <source>The last active administrator cannot be revoked.</source>
        <translation>마지막 활성 관리자는 폐기할 수 없습니다.</translation>
    </message>
    <message>
        <source>The credits or the period concerned have already expired.</source>
        <translation>해당 크레딧 또는 기간이 이미 만료되었습니다.</translation>
    </message>
    <message>
        <source>The pool belongs to another sponsor, programme or resource than the entry names.</source>
        <translation>풀이 항목에 적힌 것과 다른 후원사, 프로그램 또는 자원에 속합니다.</translation>
    </message>
    <message>
        <source>The pool is closed.</source>
        <translation>풀이 종료되었습니다.</translation>
    </message>
    <message>
        <source>The amounts add up to more than the ledger can count.</source>
        <translation>금액의 합계가 원장이 셀 수 있는 범위를 넘습니다.</translation>
    </message>
    <message>
        <source>The business registration number is not valid (ten digits with a correct check digit).</source>
        <translation>사업자등록번호가 올바르지 않습니다(검증 숫자가 맞는 10자리 숫자).</translation>
    </message>
    <message>
        <source>This business registration number is already registered to another startup.</source>
        <translation>이 사업자등록번호는 이미 다른 스타트업에 등록되어 있습니다.</translation>
    </message>
    <message>
        <source>The programme&apos;s call is not open for applications.</source>
        <translation>프로그램의 공모가 신청을 받고 있지 않습니다.</translation>
    </message>
    <message>
        <source>This is not possible at the current stage of the application or grant.</source>
        <translation>신청서 또는 지원금의 현재 단계에서는 할 수 없습니다.</translation>
    </message>
    <message>
        <source>The chosen member is not an active reviewer.</source>
        <translation>선택한 구성원은 활성 심사위원이 아닙니다.</translation>
    </message>
    <message>
        <source>The reviewer is already assigned to this application.</source>
        <translation>이 심사위원은 이미 이 신청서에 배정되어 있습니다.</translation>
    </message>
    <message>
        <source>You are not assigned to review this application.</source>
        <translation>이 신청서의 심사위원으로 배정되지 않았습니다.</translation>
    </message>
    <message>
        <source>A reviewer who declared a conflict of interest cannot score.</source>
        <translation>이해충돌을 신고한 심사위원은 점수를 매길 수 없습니다.</translation>
    </message>
    <message>
        <source>You have already reviewed this application.</source>
        <translation>이 신청서를 이미 심사했습니다.</translation>
    </message>
    <message>
        <source>The application has no reviews yet.</source>
        <translation>이 신청서에는 아직 심사가 없습니다.</translation>
    </message>
    <message>
        <source>Grants are made only from approved applications.</source>
        <translation>지원금은 승인된 신청서에서만 만들 수 있습니다.</translation>
    </message>
    <message>
        <source>The application already has a grant.</source>
        <translation>이 신청서에는 이미 지원금이 있습니다.</translation>
    </message>
    <message>
        <source>The resource does not match the one of the pool or grant.</source>
        <translation>자원이 풀 또는 지원금의 자원과 맞지 않습니다.</translation>
    </message>
    <message>
        <source>The grant would outlive its pool.</source>
        <translation>지원금이 풀의 유효 기간보다 오래 남게 됩니다.</translation>
    </message>
    <message>
        <source>There is not enough credit for this amount.</source>
        <translation>이 금액에 필요한 크레딧이 부족합니다.</translation>
    </message>
    <message>
        <source>The grant is still waiting for approvals.</source>
        <translation>지원금이 아직 승인을 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>This key has already approved it; each key counts once.</source>
        <translation>이 키는 이미 승인했습니다. 키마다 한 번만 셉니다.</translation>
    </message>
    <message>
        <source>The grant has been clawed back.</source>
        <translation>지원금이 회수되었습니다.</translation>
    </message>
    <message>
        <source>The grant has been cancelled.</source>
        <translation>지원금이 취소되었습니다.</translation>
    </message>
    <message>
        <source>The entry refers to something that is not in the ledger.</source>
        <translation>항목이 원장에 없는 대상을 가리킵니다.</translation>
    </message>
    <message>
        <source>This tranche is already released.</source>
        <translation>이 트랜치는 이미 지급되었습니다.</translation>
    </message>
    <message>
        <source>It is too early: the date it depends on has not come yet.</source>
        <translation>아직 이릅니다. 기준이 되는 날짜가 오지 않았습니다.</translation>
    </message>
    <message>
        <source>This usage is already recorded.</source>
        <translation>이 사용량은 이미 기록되어 있습니다.</translation>
    </message>
    <message>
        <source>The key concerned has been revoked.</source>
        <translation>해당 키가 폐기되었습니다.</translation>
    </message>
    <message>
        <source>The signing key is not a member of the alliance.</source>
        <translation>서명한 키가 얼라이언스의 구성원이 아닙니다.</translation>
    </message>
    <message>
        <source>The ledger does not know this kind of entry.</source>
        <translation>원장이 알지 못하는 종류의 항목입니다.</translation>
    </message>
    <message>
        <source>The entry&apos;s signature does not verify.</source>
        <translation>항목의 서명이 검증되지 않습니다.</translation>
    </message>
    <message>
        <source>The entry&apos;s time is too far from the registry&apos;s clock; check this computer&apos;s clock.</source>
        <translation>항목의 시각이 레지스트리의 시계와 너무 다릅니다. 이 컴퓨터의 시계를 확인하세요.</translation>
    </message>
    <message>
        <source>The ledger must begin with its genesis entry.</source>
        <translation>원장은 제네시스 항목으로 시작해야 합니다.</translation>
    </message>
</context>
<context>
    <name>RegistryAddress</name>
    <message>
        <source>The port &quot;%1&quot; is not a number from 1 to 65535: type https://HOST:PORT, e.g. %2, or leave the port out for 443.</source>
        <translation>포트 &quot;%1&quot;은(는) 1부터 65535 사이의 숫자가 아닙니다: https://HOST:PORT 형식으로 입력하세요(예: %2). 443이면 포트를 생략하세요.</translation>
    </message>
    <message>
        <source>Type the registry&apos;s address, e.g. %1.</source>
        <translation>레지스트리 주소를 입력하세요(예: %1).</translation>
    </message>
    <message>
        <source>The address must start with https://: type https://%1 (e.g. %2).</source>
        <translation>주소는 https://로 시작해야 합니다: https://%1 처럼 입력하세요(예: %2).</translation>
    </message>
    <message>
        <source>The registry is reached over TLS only: type https:// instead of http://, e.g. https://%1.</source>
        <translation>레지스트리는 TLS로만 연결됩니다: http:// 대신 https://를 입력하세요(예: https://%1).</translation>
    </message>
    <message>
        <source>The registry is reached over https:// only, not %1://: type https://HOST[:PORT], e.g. %2.</source>
        <translation>레지스트리는 %1://가 아닌 https://로만 연결됩니다: https://HOST[:PORT] 형식으로 입력하세요(예: %2).</translation>
    </message>
    <message>
        <source>The address has a user name or password before &quot;@&quot;, which a registry does not take (your key file says who you are): type https://%1 without it.</source>
        <translation>주소의 &quot;@&quot; 앞에 사용자 이름이나 비밀번호가 있지만 레지스트리는 이를 받지 않습니다(신원은 키 파일로 확인합니다): 이를 빼고 https://%1 로 입력하세요.</translation>
    </message>
    <message>
        <source>The address has no host name: type https://HOST[:PORT], e.g. %1.</source>
        <translation>주소에 호스트 이름이 없습니다: https://HOST[:PORT] 형식으로 입력하세요(예: %1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid web address: type https://HOST[:PORT], e.g. %2.</source>
        <translation>&quot;%1&quot;은(는) 올바른 웹 주소가 아닙니다: https://HOST[:PORT] 형식으로 입력하세요(예: %2).</translation>
    </message>
    <message>
        <source>The address has a path (&quot;%1&quot;), but the registry answers at /v1/ right under its host: type only https://%2.</source>
        <translation>주소에 경로(&quot;%1&quot;)가 있지만 레지스트리는 호스트 바로 아래의 /v1/에서 응답합니다: https://%2 만 입력하세요.</translation>
    </message>
    <message>
        <source>The address has a query or fragment (&quot;?…&quot; or &quot;#…&quot;), which a registry does not take: type only https://%1.</source>
        <translation>주소에 쿼리나 프래그먼트(&quot;?…&quot; 또는 &quot;#…&quot;)가 있지만 레지스트리는 이를 받지 않습니다: https://%1 만 입력하세요.</translation>
    </message>
</context>
<context>
    <name>SigningCeremony</name>
    <message>
        <source>Sign and record</source>
        <translation>서명 및 기록</translation>
    </message>
    <message>
        <source>You are about to sign:</source>
        <translation>다음 내용에 서명합니다:</translation>
    </message>
    <message>
        <source>%1

Signed with the key of %2 (%3), key id %4.</source>
        <translation>%1

%2 (%3)의 키로 서명, 키 ID %4.</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>서명</translation>
    </message>
    <message>
        <source>Passphrase of the key file %1:</source>
        <translation>키 파일 %1의 암호:</translation>
    </message>
    <message>
        <source>Unlock your key</source>
        <translation>키 잠금 해제</translation>
    </message>
    <message>
        <source>Cancelled: the key was not unlocked.</source>
        <translation>취소됨: 키가 잠금 해제되지 않았습니다.</translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation>암호가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>You opened this ledger without an enrolled key, so you cannot sign.</source>
        <translation>등록된 키 없이 원장을 열었으므로 서명할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was signed.</source>
        <translation>취소됨. 아무것도 서명되지 않았습니다.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>기록되지 않음: %1</translation>
    </message>
    <message>
        <source>Rejected (%1): %2</source>
        <translation>거부됨 (%1): %2</translation>
    </message>
    <message>
        <source>Recorded as entry %1; it waits for approvals before it takes effect.</source>
        <translation>항목 %1로 기록됨. 효력이 생기기 전에 승인을 기다립니다.</translation>
    </message>
    <message>
        <source>Sequenced as entry %1: %2</source>
        <translation>항목 %1로 순서 확정: %2</translation>
    </message>
    <message>
        <source>Nothing to sign.</source>
        <translation>서명할 내용이 없습니다.</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 외 %1건</translation>
    </message>
    <message>
        <source>Sequenced all %1 entries.</source>
        <translation>%1개 항목 모두 순서 확정됨.</translation>
    </message>
    <message>
        <source>Sequenced %1 of %2; the others were rejected: %3</source>
        <translation>%2개 중 %1개 순서 확정, 나머지는 거부됨: %3</translation>
    </message>
    <message>
        <source>Signed and waiting in the outbox: the registry records it at the next sync. %1</source>
        <translation>서명하여 보낼 편지함에 대기 중입니다: 다음 동기화 때 레지스트리가 기록합니다. %1</translation>
    </message>
</context>
<context>
    <name>portal::ApplicationPanel</name>
    <message>
        <source>Application</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>결정</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>대기 명단</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>결정 사유</translation>
    </message>
    <message>
        <source>Why (recorded with the decision)</source>
        <translation>사유 (결정과 함께 기록됨)</translation>
    </message>
    <message>
        <source>Sign decision…</source>
        <translation>결정 서명…</translation>
    </message>
    <message>
        <source>New grant from this application…</source>
        <translation>이 신청서로 지원금 생성…</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>결정:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
    <message>
        <source>Your review</source>
        <translation>내 심사</translation>
    </message>
    <message>
        <source>I have a conflict of interest with this startup</source>
        <translation>이 스타트업과 이해충돌이 있습니다</translation>
    </message>
    <message>
        <source>Declare a conflict of interest</source>
        <translation>이해충돌 신고</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>의견</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>의견 (선택)</translation>
    </message>
    <message>
        <source>Sign review…</source>
        <translation>심사 서명…</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an application to see its profile, reviews and decision.&lt;/p&gt;</source>
        <translation>&lt;p&gt;신청서를 선택하면 프로필, 심사, 결정을 볼 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) · %3&lt;br&gt;Programme: %4&lt;br&gt;Requested: %5&lt;br&gt;Stage: &lt;b&gt;%6&lt;/b&gt;&lt;br&gt;Submitted: %7&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) · %3&lt;br&gt;프로그램: %4&lt;br&gt;신청량: %5&lt;br&gt;단계: &lt;b&gt;%6&lt;/b&gt;&lt;br&gt;제출일: %7&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Reviewers: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;심사위원: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none assigned yet</source>
        <translation>아직 배정 없음</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Reviews&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;심사&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1: &lt;b&gt;declared a conflict of interest&lt;/b&gt; (does not score)&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1: &lt;b&gt;이해충돌 신고&lt;/b&gt; (채점하지 않음)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1: total &lt;b&gt;%2&lt;/b&gt; (%3)%4&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1: 합계 &lt;b&gt;%2&lt;/b&gt; (%3)%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Decision&lt;/h4&gt;&lt;p&gt;%1 on %2: %3&lt;/p&gt;</source>
        <translation>&lt;h4&gt;결정&lt;/h4&gt;&lt;p&gt;%2에 %1: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Grant: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;지원금: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>미채점</translation>
    </message>
    <message>
        <source>Score for %1 (0 to %2)</source>
        <translation>%1 점수 (0~%2)</translation>
    </message>
    <message>
        <source>%1 (0–%2):</source>
        <translation>%1 (0–%2):</translation>
    </message>
    <message>
        <source>Score every criterion of the rubric, or declare a conflict.</source>
        <translation>평가 기준을 모두 채점하거나 이해충돌을 신고하세요.</translation>
    </message>
    <message>
        <source>Give a reason for the decision.</source>
        <translation>결정 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b01c1c&apos;&gt;✗ %1 matches none of the attachments (SHA-256 %2…).&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b01c1c&apos;&gt;✗ %1은(는) 어느 첨부 파일과도 일치하지 않습니다 (SHA-256 %2…).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Check a file</source>
        <translation>파일 확인</translation>
    </message>
    <message>
        <source>Check a file against the attachments…</source>
        <translation>첨부 파일과 대조하기…</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Attachments&lt;/h4&gt;&lt;p&gt;Could not read them: %1&lt;/p&gt;</source>
        <translation>&lt;h4&gt;첨부 파일&lt;/h4&gt;&lt;p&gt;읽을 수 없습니다: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Computing the SHA-256 of %1…</source>
        <translation>%1의 SHA-256 계산 중…</translation>
    </message>
    <message>
        <source>Computes the file&apos;s SHA-256 and compares it with the hashes the application recorded.</source>
        <translation>파일의 SHA-256을 계산해 신청서에 기록된 해시와 비교합니다.</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Attachments&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;첨부 파일&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7f3a&apos;&gt;✓ %1 is the attachment “%2”: its SHA-256 matches.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#1b7f3a&apos;&gt;✓ %1은(는) 첨부 파일 “%2”입니다: SHA-256이 일치합니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;%1&lt;br&gt;&lt;small&gt;SHA-256 &lt;tt&gt;%2&lt;/tt&gt;&lt;/small&gt;&lt;/li&gt;</source>
        <translation>&lt;li&gt;%1&lt;br&gt;&lt;small&gt;SHA-256 &lt;tt&gt;%2&lt;/tt&gt;&lt;/small&gt;&lt;/li&gt;</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>철회</translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation>철회 사유</translation>
    </message>
    <message>
        <source>Why (recorded with it)</source>
        <translation>사유 (함께 기록됨)</translation>
    </message>
    <message>
        <source>Withdraw this application…</source>
        <translation>이 신청서 철회…</translation>
    </message>
    <message>
        <source>Withdraws the application on the startup&apos;s behalf; it can no longer be decided or granted.</source>
        <translation>스타트업을 대신해 신청서를 철회합니다. 이후에는 결정하거나 지원금을 줄 수 없습니다.</translation>
    </message>
    <message>
        <source>Say why it is withdrawn.</source>
        <translation>철회 사유를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>portal::ApplicationsModel</name>
    <message>
        <source>%1 assigned</source>
        <translation>%1명 배정</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Requested (GPU-hours)</source>
        <translation>신청량 (GPU시간)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Reviewers</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출됨</translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation>%1 · 동기화 대기</translation>
    </message>
    <message>
        <source>An entry for this application is signed here and waiting in the outbox for the registry.</source>
        <translation>이 신청서에 대한 항목이 여기서 서명되어 보낼 편지함에서 레지스트리를 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>portal::ApplicationsPage</name>
    <message>
        <source>Applications</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>My reviews</source>
        <translation>내 심사</translation>
    </message>
    <message>
        <source>Search applications (Ctrl+F)</source>
        <translation>신청서 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>모든 단계</translation>
    </message>
    <message>
        <source>Reviewer to assign</source>
        <translation>배정할 심사위원</translation>
    </message>
    <message>
        <source>Assign to selected…</source>
        <translation>선택 항목에 배정…</translation>
    </message>
    <message>
        <source>No applications yet — they appear here when startups apply while a call is open.</source>
        <translation>아직 신청서가 없습니다. 공모 기간에 스타트업이 신청하면 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>No applications are assigned to you yet. A programme manager assigns them.</source>
        <translation>아직 배정된 신청서가 없습니다. 프로그램 매니저가 배정합니다.</translation>
    </message>
    <message>
        <source>Could not read the applications: %1</source>
        <translation>신청서를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Any reviewer</source>
        <translation>모든 심사위원</translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation>모든 프로그램</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>모든 분야</translation>
    </message>
    <message>
        <source>%L1 of %L2 applications</source>
        <translation>신청서 %L2건 중 %L1건</translation>
    </message>
    <message>
        <source>Select the applications to assign first.</source>
        <translation>먼저 배정할 신청서를 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>Assign %1 to %n application(s).</source>
        <translation>
            <numerusform>%1을(를) 신청서 %n건에 배정합니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>portal::ClawbackForm</name>
    <message>
        <source>GPU-hours to claw back</source>
        <translation>회수할 GPU시간</translation>
    </message>
    <message>
        <source>empty: all that is left</source>
        <translation>비우면: 남은 전부</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>사유 코드</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>미사용</translation>
    </message>
    <message>
        <source>Misuse</source>
        <translation>오용</translation>
    </message>
    <message>
        <source>Breach of terms</source>
        <translation>약관 위반</translation>
    </message>
    <message>
        <source>Company dissolved</source>
        <translation>회사 해산</translation>
    </message>
    <message>
        <source>Duplicate grant</source>
        <translation>중복 지원</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>What happened, in a sentence</source>
        <translation>무슨 일이 있었는지 한 문장으로</translation>
    </message>
    <message>
        <source>Sign clawback…</source>
        <translation>회수 서명…</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>수량:</translation>
    </message>
    <message>
        <source>Reason code:</source>
        <translation>사유 코드:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
    <message>
        <source>Select a grant first.</source>
        <translation>먼저 지원금을 선택하세요.</translation>
    </message>
    <message>
        <source>Say why the credits are clawed back.</source>
        <translation>크레딧을 회수하는 이유를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>portal::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Applications by stage</source>
        <translation>단계별 신청서</translation>
    </message>
    <message>
        <source>&lt;b&gt;Credits per resource&lt;/b&gt; (GPU-hours)</source>
        <translation>&lt;b&gt;자원별 크레딧&lt;/b&gt; (GPU시간)</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>자원</translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation>약정</translation>
    </message>
    <message>
        <source>In pools</source>
        <translation>풀 잔액</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>지원</translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Held by startups</source>
        <translation>스타트업 보유</translation>
    </message>
    <message>
        <source>Expiring in 30 days</source>
        <translation>30일 내 만료</translation>
    </message>
    <message>
        <source>Credits per resource</source>
        <translation>자원별 크레딧</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pools running low&lt;/b&gt; (under a tenth of the pledge left)</source>
        <translation>&lt;b&gt;잔액이 적은 풀&lt;/b&gt; (약정의 10% 미만)</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>유효 기한</translation>
    </message>
    <message>
        <source>Pools running low</source>
        <translation>잔액이 적은 풀</translation>
    </message>
    <message>
        <source>No pool is running low.</source>
        <translation>잔액이 부족한 풀이 없습니다.</translation>
    </message>
    <message>
        <source>Could not read the dashboard figures.</source>
        <translation>대시보드 수치를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>&lt;b&gt;%L1 applications&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;신청서 %L1건&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>%1: %L2&lt;br&gt;</source>
        <translation>%1: %L2&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>portal::ExplorerPage</name>
    <message>
        <source>&lt;h2&gt;Ledger explorer&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;원장 탐색기&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Go to entry number (Ctrl+F)</source>
        <translation>항목 번호로 이동 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Go to entry number</source>
        <translation>항목 번호로 이동</translation>
    </message>
    <message>
        <source>Entries of the ledger</source>
        <translation>원장 항목</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>항목 상세</translation>
    </message>
    <message>
        <source>Select an entry to see who signed it and its proof.</source>
        <translation>항목을 선택하면 서명자와 증명을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Show inclusion proof</source>
        <translation>포함 증명 보기</translation>
    </message>
    <message>
        <source>%L1 entries</source>
        <translation>항목 %L1개</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Entry %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;항목 %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Type: %1&lt;br&gt;Signed by: %2&lt;br&gt;Key id: &lt;tt&gt;%3&lt;/tt&gt;&lt;br&gt;Sequenced: %4&lt;br&gt;Entry id: &lt;tt&gt;%5&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;유형: %1&lt;br&gt;서명자: %2&lt;br&gt;키 ID: &lt;tt&gt;%3&lt;/tt&gt;&lt;br&gt;순서 확정: %4&lt;br&gt;항목 ID: &lt;tt&gt;%5&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ The signature verifies with the signer&apos;s key.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ 서명자의 키로 서명이 검증됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ The signature does not verify.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ 서명이 검증되지 않습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Computing the proof…</source>
        <translation>증명 계산 중…</translation>
    </message>
    <message>
        <source>&lt;p&gt;No proof: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;증명 없음: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Inclusion proof&lt;/h4&gt;&lt;p&gt;Leaf hash &lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;Checkpoint of %L2 entries, root &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h4&gt;포함 증명&lt;/h4&gt;&lt;p&gt;리프 해시 &lt;tt&gt;%1&lt;/tt&gt;&lt;br&gt;항목 %L2개의 체크포인트, 루트 &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ The path leads to the checkpoint&apos;s root: the entry is in the signed log.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#1b7f3a&apos;&gt;✓ 경로가 체크포인트 루트에 이릅니다: 항목이 서명된 로그에 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ The path does not lead to the checkpoint&apos;s root.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b01c1c&apos;&gt;✗ 경로가 체크포인트 루트에 이르지 않습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Entry %1&lt;/h3&gt;&lt;p&gt;Reading the entry…&lt;/p&gt;</source>
        <translation>&lt;h3&gt;항목 %1&lt;/h3&gt;&lt;p&gt;항목을 읽는 중…&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>portal::FirstRunDialog</name>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>%1 찾아보기</translation>
    </message>
    <message>
        <source>Welcome to Alliance Portal</source>
        <translation>얼라이언스 포털에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;How would you like to start?&lt;/p&gt;</source>
        <translation>&lt;h2&gt;환영합니다&lt;/h2&gt;&lt;p&gt;어떻게 시작하시겠습니까?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Create a new alliance</source>
        <translation>새 얼라이언스 만들기</translation>
    </message>
    <message>
        <source>Open an existing ledger</source>
        <translation>기존 원장 열기</translation>
    </message>
    <message>
        <source>Open the demo alliance</source>
        <translation>데모 얼라이언스 열기</translation>
    </message>
    <message>
        <source>Ledger file</source>
        <translation>원장 파일</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>키 파일</translation>
    </message>
    <message>
        <source>Ledger file:</source>
        <translation>원장 파일:</translation>
    </message>
    <message>
        <source>Ledgers (*.ledger *.db);;All files (*)</source>
        <translation>원장 (*.ledger *.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Your key file:</source>
        <translation>내 키 파일:</translation>
    </message>
    <message>
        <source>Keys (*.key);;All files (*)</source>
        <translation>키 (*.key);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Alliance name</source>
        <translation>얼라이언스 이름</translation>
    </message>
    <message>
        <source>Alliance id</source>
        <translation>얼라이언스 ID</translation>
    </message>
    <message>
        <source>Log origin</source>
        <translation>로그 오리진</translation>
    </message>
    <message>
        <source>New ledger file</source>
        <translation>새 원장 파일</translation>
    </message>
    <message>
        <source>New root key file</source>
        <translation>새 루트 키 파일</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Origin:</source>
        <translation>오리진:</translation>
    </message>
    <message>
        <source>Ledgers (*.ledger)</source>
        <translation>원장 (*.ledger)</translation>
    </message>
    <message>
        <source>Root key file:</source>
        <translation>루트 키 파일:</translation>
    </message>
    <message>
        <source>Keys (*.key)</source>
        <translation>키 (*.key)</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>암호:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>확인:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Choose the ledger file to open.</source>
        <translation>열 원장 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>Give the alliance a name.</source>
        <translation>얼라이언스 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>The origin is one word without spaces, e.g. alliance.example/ledger.</source>
        <translation>오리진은 공백 없는 한 단어입니다 (예: alliance.example/ledger).</translation>
    </message>
    <message>
        <source>Choose where the ledger and the root key are saved.</source>
        <translation>원장과 루트 키를 저장할 위치를 선택하세요.</translation>
    </message>
    <message>
        <source>The two passphrases must be the same and not empty.</source>
        <translation>두 암호가 같고 비어 있지 않아야 합니다.</translation>
    </message>
    <message>
        <source>Join a registry</source>
        <translation>레지스트리에 참여</translation>
    </message>
    <message>
        <source>A new member&apos;s machine: fetch what your role may see from the alliance&apos;s registry.</source>
        <translation>새 구성원의 컴퓨터: 역할이 볼 수 있는 내용을 연합의 레지스트리에서 받아옵니다.</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>레지스트리 주소</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 파일</translation>
    </message>
    <message>
        <source>Pinned key</source>
        <translation>고정 키</translation>
    </message>
    <message>
        <source>Join key file</source>
        <translation>참여할 키 파일</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>키 암호문</translation>
    </message>
    <message>
        <source>New replica file</source>
        <translation>새 복제본 파일</translation>
    </message>
    <message>
        <source>Registry address:</source>
        <translation>레지스트리 주소:</translation>
    </message>
    <message>
        <source>CA file (optional):</source>
        <translation>CA 파일 (선택):</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>인증서 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Pinned key (optional):</source>
        <translation>고정 키 (선택):</translation>
    </message>
    <message>
        <source>Save the replica as:</source>
        <translation>복제본 저장 위치:</translation>
    </message>
    <message>
        <source>Join progress</source>
        <translation>참여 진행 상황</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <source>%1: %L2 of %L3</source>
        <translation>%1: %L3 중 %L2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>There is no CA file at this path.</source>
        <translation>이 경로에 CA 파일이 없습니다.</translation>
    </message>
    <message>
        <source>A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry&apos;s public key.</source>
        <translation>고정 키는 sha256// 뒤에 레지스트리 공개 키의 32바이트 SHA-256 값을 base64로 적은 것입니다.</translation>
    </message>
    <message>
        <source>There is no key file at this path.</source>
        <translation>이 경로에 키 파일이 없습니다.</translation>
    </message>
    <message>
        <source>A file already exists at this path; the replica is a new file.</source>
        <translation>이 경로에 이미 파일이 있습니다. 복제본은 새 파일이어야 합니다.</translation>
    </message>
    <message>
        <source>Unlocking the key and asking the registry who you are…</source>
        <translation>키를 여는 중이며 레지스트리에 신원을 확인하는 중…</translation>
    </message>
    <message>
        <source>Joining %1…</source>
        <translation>%1에 참여하는 중…</translation>
    </message>
    <message>
        <source>Join cancelled.</source>
        <translation>참여가 취소되었습니다.</translation>
    </message>
    <message>
        <source>Joined: %L1 entries fetched and verified.</source>
        <translation>참여 완료: 항목 %L1건을 받아 검증했습니다.</translation>
    </message>
</context>
<context>
    <name>portal::GrantsPage</name>
    <message>
        <source>Grants</source>
        <translation>지원금</translation>
    </message>
    <message>
        <source>New grant… (Ctrl+N)</source>
        <translation>새 지원금… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search grants by id, startup or pool (Ctrl+F)</source>
        <translation>ID, 스타트업, 풀로 지원금 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>지원금</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>자원</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>All grants</source>
        <translation>모든 지원금</translation>
    </message>
    <message>
        <source>Waiting entry</source>
        <translation>대기 항목</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>제안자</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Entries waiting for approvals</source>
        <translation>승인 대기 항목</translation>
    </message>
    <message>
        <source>Approve the selected entry…</source>
        <translation>선택 항목 승인…</translation>
    </message>
    <message>
        <source>Waiting for approvals</source>
        <translation>승인 대기</translation>
    </message>
    <message>
        <source>Release the due tranche…</source>
        <translation>도래한 분할분 지급…</translation>
    </message>
    <message>
        <source>Record usage</source>
        <translation>사용량 기록</translation>
    </message>
    <message>
        <source>Claw back</source>
        <translation>회수</translation>
    </message>
    <message>
        <source>Could not read the grants.</source>
        <translation>지원금을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 (soon)</source>
        <translation>%1 (임박)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 중 %1</translation>
    </message>
    <message>
        <source>%1 of %2 (you approved)</source>
        <translation>%2 중 %1 (내가 승인함)</translation>
    </message>
    <message>
        <source>Waiting for approvals (%1)</source>
        <translation>승인 대기 (%1)</translation>
    </message>
    <message>
        <source>&lt;p&gt;No grant selected. Grants are made from approved applications (Ctrl+N).&lt;/p&gt;</source>
        <translation>&lt;p&gt;선택된 지원금이 없습니다. 지원금은 승인된 신청서로 만듭니다 (Ctrl+N).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Grant %1&lt;/h3&gt;&lt;p&gt;%2 for startup %3 from pool %4&lt;br&gt;Status: &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;Expires: %6&lt;/p&gt;</source>
        <translation>&lt;h3&gt;지원금 %1&lt;/h3&gt;&lt;p&gt;풀 %4에서 스타트업 %3에 %2&lt;br&gt;상태: &lt;b&gt;%5&lt;/b&gt;&lt;br&gt;만료: %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Balance %1 (unreleased %2, available %3)&lt;br&gt;Consumed %4 · expired %5 · clawed back %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;잔액 %1 (미지급 %2, 사용 가능 %3)&lt;br&gt;사용 %4 · 만료 %5 · 회수 %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Tranches&lt;/h4&gt;&lt;ol&gt;</source>
        <translation>&lt;h4&gt;분할 지급&lt;/h4&gt;&lt;ol&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;%1 on %2 — %3&lt;/li&gt;</source>
        <translation>&lt;li&gt;%2에 %1 — %3&lt;/li&gt;</translation>
    </message>
    <message>
        <source>released</source>
        <translation>지급됨</translation>
    </message>
    <message>
        <source>due</source>
        <translation>도래</translation>
    </message>
    <message>
        <source>not yet due</source>
        <translation>미도래</translation>
    </message>
    <message>
        <source>Select the entry to approve first.</source>
        <translation>먼저 승인할 항목을 선택하세요.</translation>
    </message>
    <message>
        <source>Expire the remaining credits…</source>
        <translation>남은 크레딧 만료 처리…</translation>
    </message>
    <message>
        <source>Moves what is left of a grant past its expiry date to expired.</source>
        <translation>만료일이 지난 지원금의 남은 크레딧을 만료로 옮깁니다.</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>동기화 대기</translation>
    </message>
    <message>
        <source>Signed here and waiting in the outbox for the registry.</source>
        <translation>여기서 서명되어 보낼 편지함에서 레지스트리를 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation>신청서 %1</translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation>%1 · 동기화 대기</translation>
    </message>
    <message>
        <source>An entry for this grant is waiting in the outbox for the registry.</source>
        <translation>이 지원금에 대한 항목이 보낼 편지함에서 레지스트리를 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Grant %1&lt;/h3&gt;&lt;p&gt;Waiting to sync: signed here and waiting in the outbox. It takes effect once the registry sequences it (Sync now, F5).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;지원금 %1&lt;/h3&gt;&lt;p&gt;동기화 대기: 여기서 서명되어 보낼 편지함에 있습니다. 레지스트리가 순서를 확정하면 효력이 생깁니다 (지금 동기화, F5).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>From pool %1</source>
        <translation>풀 %1에서</translation>
    </message>
</context>
<context>
    <name>portal::LogModel</name>
    <message>
        <source>✗ bad signature</source>
        <translation>✗ 잘못된 서명</translation>
    </message>
    <message>
        <source>✓ signed · ✓ in checkpoint</source>
        <translation>✓ 서명 · ✓ 체크포인트 포함</translation>
    </message>
    <message>
        <source>✓ signed · awaiting checkpoint</source>
        <translation>✓ 서명 · 체크포인트 대기</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Sequenced</source>
        <translation>순서 확정</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>서명자</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>What it says</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
<context>
    <name>portal::MainWindow</name>
    <message>
        <source>Alliance Portal — %1</source>
        <translation>얼라이언스 포털 — %1</translation>
    </message>
    <message>
        <source>Verification alarm</source>
        <translation>검증 경보</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>마지막 작업 결과</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>페이지</translation>
    </message>
    <message>
        <source>Select a row to see its details here.</source>
        <translation>행을 선택하면 여기에 상세 정보가 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open ledger…</source>
        <translation>원장 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo alliance</source>
        <translation>데모 얼라이언스 열기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>원장(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Verify (quick)</source>
        <translation>빠른 검증(&amp;V)</translation>
    </message>
    <message>
        <source>Verify &amp;fully (signatures, rules, projections)</source>
        <translation>전체 검증(&amp;F) (서명, 규칙, 프로젝션)</translation>
    </message>
    <message>
        <source>&amp;Forget the unlocked key</source>
        <translation>잠금 해제된 키 잊기(&amp;F)</translation>
    </message>
    <message>
        <source>Your key is locked; the passphrase will be asked again.</source>
        <translation>키가 잠겼습니다. 암호를 다시 묻습니다.</translation>
    </message>
    <message>
        <source>Verification progress</source>
        <translation>검증 진행률</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel verification</source>
        <translation>검증 취소</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No checkpoint yet</source>
        <translation>체크포인트 없음</translation>
    </message>
    <message>
        <source>✓ Verified checkpoint: %L1 entries, %2</source>
        <translation>✓ 검증된 체크포인트: 항목 %L1개, %2</translation>
    </message>
    <message>
        <source>Checkpoint %L1 entries, %2 (not verified yet)</source>
        <translation>체크포인트 항목 %L1개, %2 (미검증)</translation>
    </message>
    <message>
        <source>Outbox: %L1</source>
        <translation>보낼 편지함: %L1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Verifying… %p%</source>
        <translation>검증 중… %p%</translation>
    </message>
    <message>
        <source>Verifying fully… %p%</source>
        <translation>전체 검증 중… %p%</translation>
    </message>
    <message>
        <source>Verification did not finish: %1</source>
        <translation>검증이 끝나지 않았습니다: %1</translation>
    </message>
    <message>
        <source>⚠ This ledger failed verification at %1: %2 (%3). Do not rely on what it shows; restore it from a backup or fetch it again from the registry.</source>
        <translation>⚠ 이 원장은 %1에서 검증에 실패했습니다: %2 (%3). 표시된 내용을 신뢰하지 말고 백업에서 복원하거나 레지스트리에서 다시 받으세요.</translation>
    </message>
    <message>
        <source>&amp;Join a registry…</source>
        <translation>레지스트리에 참여(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>지금 동기화(&amp;S)</translation>
    </message>
    <message>
        <source>⚠ Sync stopped. %1</source>
        <translation>⚠ 동기화가 중지되었습니다(로그 분기). %1</translation>
    </message>
</context>
<context>
    <name>portal::NewGrantForm</name>
    <message>
        <source>Give at least one tranche, e.g. 1,200 @ 2026-12-01.</source>
        <translation>분할분을 하나 이상 입력하세요 (예: 1,200 @ 2026-12-01).</translation>
    </message>
    <message>
        <source>&lt;h3&gt;New grant&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;새 지원금&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Approved application</source>
        <translation>승인된 신청서</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Grant id</source>
        <translation>지원금 ID</translation>
    </message>
    <message>
        <source>Tranches</source>
        <translation>분할 지급</translation>
    </message>
    <message>
        <source>1,200 @ 2026-12-01; 600 @ 2027-03-01</source>
        <translation>1,200 @ 2026-12-01; 600 @ 2027-03-01</translation>
    </message>
    <message>
        <source>GPU-hours @ release date, separated by &apos;;&apos;. Without a date a tranche is released at once.</source>
        <translation>GPU시간 @ 지급일, &apos;;&apos;로 구분. 날짜가 없으면 즉시 지급됩니다.</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>만료</translation>
    </message>
    <message>
        <source>Sign grant…</source>
        <translation>지원금 서명…</translation>
    </message>
    <message>
        <source>Application:</source>
        <translation>신청서:</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>풀:</translation>
    </message>
    <message>
        <source>Grant id:</source>
        <translation>지원금 ID:</translation>
    </message>
    <message>
        <source>Tranches:</source>
        <translation>분할 지급:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>만료:</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>%1 (%2 available)</source>
        <translation>%1 (%2 사용 가능)</translation>
    </message>
    <message>
        <source>No approved application is waiting for a grant.</source>
        <translation>지원금을 기다리는 승인된 신청서가 없습니다.</translation>
    </message>
    <message>
        <source>No open pool of this programme holds this resource.</source>
        <translation>이 프로그램에 이 자원을 가진 열린 풀이 없습니다.</translation>
    </message>
    <message>
        <source>Give the expiry date.</source>
        <translation>만료일을 입력하세요.</translation>
    </message>
    <message>
        <source>The expiry date must be in the future.</source>
        <translation>만료일은 미래여야 합니다.</translation>
    </message>
</context>
<context>
    <name>portal::PoolsPage</name>
    <message>
        <source>Sponsors and pools</source>
        <translation>후원사 및 풀</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>후원사</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>자원</translation>
    </message>
    <message>
        <source>Pledged</source>
        <translation>약정</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>지원</translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Left in pool</source>
        <translation>풀 잔액</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>활용률</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>유효 기한</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Could not read the pools.</source>
        <translation>풀을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <source>&lt;p&gt;Your sponsor has no pools yet. Pledge one to fund a programme.&lt;/p&gt;</source>
        <translation>&lt;p&gt;아직 후원사의 풀이 없습니다. 풀을 약정하여 프로그램을 지원하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No pools yet. Sponsors pledge pools to fund a programme.&lt;/p&gt;</source>
        <translation>&lt;p&gt;아직 풀이 없습니다. 후원사가 풀을 약정하여 프로그램을 지원합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pool %1&lt;/h3&gt;&lt;p&gt;Sponsor %2, programme %3&lt;br&gt;Pledged %4&lt;br&gt;Granted %5 in %6 grants (%7 waiting for approvals)&lt;br&gt;Consumed %8 · expired %9 · clawed back %10&lt;br&gt;Left in pool %11&lt;/p&gt;</source>
        <translation>&lt;h3&gt;풀 %1&lt;/h3&gt;&lt;p&gt;후원사 %2, 프로그램 %3&lt;br&gt;약정 %4&lt;br&gt;지원금 %6건에 %5 지원 (승인 대기 %7)&lt;br&gt;사용 %8 · 만료 %9 · 회수 %10&lt;br&gt;풀 잔액 %11&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Grants by startup&lt;/h4&gt;&lt;table cellpadding=&apos;3&apos;&gt;&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;Startup&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;Granted&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;Used&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;h4&gt;스타트업별 지원금&lt;/h4&gt;&lt;table cellpadding=&apos;3&apos;&gt;&lt;tr&gt;&lt;th align=&apos;left&apos;&gt;스타트업&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;지원&lt;/th&gt;&lt;th align=&apos;right&apos;&gt;사용&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;… and %1 more.&lt;/p&gt;</source>
        <translation>&lt;p&gt;… 외 %1건.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Utilisation of the pools</source>
        <translation>풀 활용률</translation>
    </message>
    <message>
        <source>Granted, not used</source>
        <translation>지원됨, 미사용</translation>
    </message>
    <message>
        <source>Utilisation of the pools (GPU-hours)</source>
        <translation>풀 활용률 (GPU시간)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Utilisation %1 (granted of pledged)&lt;/p&gt;</source>
        <translation>&lt;p&gt;활용률 %1 (약정 대비 지원)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The pool is closed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;풀이 종료되었습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Valid until %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1까지 유효&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1, pledged by %2</source>
        <translation>%1, %2 약정</translation>
    </message>
</context>
<context>
    <name>portal::PortalApp</name>
    <message>
        <source>Demo alliance</source>
        <translation>데모 얼라이언스</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>신원</translation>
    </message>
    <message>
        <source>Open ledger</source>
        <translation>원장 열기</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>레지스트리</translation>
    </message>
</context>
<context>
    <name>portal::ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>후원사</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>e.g. 2026-01-01; empty: from the beginning</source>
        <translation>예: 2026-01-01; 비워 두면 처음부터</translation>
    </message>
    <message>
        <source>To</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>e.g. 2026-04-01 (not included); empty: to the end</source>
        <translation>예: 2026-04-01 (포함 안 됨); 비워 두면 끝까지</translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation>앞으로의 일수</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>내보내기 진행률</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Startup statement</source>
        <translation>스타트업 명세서</translation>
    </message>
    <message>
        <source>Sponsor utilisation</source>
        <translation>후원사 활용 현황</translation>
    </message>
    <message>
        <source>Programme pipeline</source>
        <translation>프로그램 파이프라인</translation>
    </message>
    <message>
        <source>Expiring credits</source>
        <translation>만료 예정 크레딧</translation>
    </message>
    <message>
        <source>Run-out forecast</source>
        <translation>소진 예측</translation>
    </message>
    <message>
        <source>Accounting journal</source>
        <translation>회계 분개장</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Opening balance, every movement and closing balance of one startup, per resource, with expiry dates.</source>
        <translation>한 스타트업의 자원별 기초 잔액, 모든 거래 내역, 기말 잔액과 만료일.</translation>
    </message>
    <message>
        <source>Per pool and per startup: pledged, granted, used, expired, clawed back and returned.</source>
        <translation>풀별, 스타트업별 약정, 지원, 사용, 만료, 회수, 반환 크레딧.</translation>
    </message>
    <message>
        <source>Applications submitted in the period: stage, decision times and review scores.</source>
        <translation>기간 중 제출된 신청서: 단계, 결정까지 걸린 시간, 심사 점수.</translation>
    </message>
    <message>
        <source>Active grants holding credit that expires within the given number of days.</source>
        <translation>지정한 일수 안에 만료되는 크레딧이 남은 활성 지원금.</translation>
    </message>
    <message>
        <source>When each grant runs out at its recent rate of use, and what will expire unused.</source>
        <translation>최근 사용 속도로 각 지원금이 언제 소진되는지, 그리고 사용되지 않고 만료될 크레딧.</translation>
    </message>
    <message>
        <source>Every movement as a plain-text accounting journal for ledger and hledger.</source>
        <translation>모든 거래 내역을 ledger와 hledger용 텍스트 회계 분개장으로.</translation>
    </message>
    <message>
        <source>Journal (ledger, hledger)</source>
        <translation>분개장 (ledger, hledger)</translation>
    </message>
    <message>
        <source>CSV (spreadsheet text)</source>
        <translation>CSV (스프레드시트 텍스트)</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 통합 문서 (XLSX)</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 문서</translation>
    </message>
    <message>
        <source>“%1” is not a date. Write it as 2026-06-30 or 2026-06-30T12:00Z.</source>
        <translation>“%1”은(는) 날짜가 아닙니다. 2026-06-30 또는 2026-06-30T12:00Z 형식으로 입력하세요.</translation>
    </message>
    <message>
        <source>The period is empty: “From” must be before “To”.</source>
        <translation>기간이 비어 있습니다: “시작”이 “종료”보다 앞서야 합니다.</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>보고서 저장 위치</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 파일 (*.%2)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>%1(으)로 내보내는 중…</translation>
    </message>
    <message>
        <source>Saved the report to %1.</source>
        <translation>보고서를 %1에 저장했습니다.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was written.</source>
        <translation>취소했습니다. 아무것도 기록되지 않았습니다.</translation>
    </message>
    <message>
        <source>No such startup or sponsor in this ledger (%1). Nothing was written.</source>
        <translation>이 원장에 해당 스타트업이나 후원사가 없습니다 (%1). 아무것도 기록되지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The report failed: %1</source>
        <translation>보고서를 만들지 못했습니다: %1</translation>
    </message>
    <message>
        <source>All startups</source>
        <translation>모든 스타트업</translation>
    </message>
    <message>
        <source>Type a name or id</source>
        <translation>이름이나 ID를 입력하세요</translation>
    </message>
    <message>
        <source>Choose the startup whose statement you want.</source>
        <translation>명세서를 받을 스타트업을 고르세요.</translation>
    </message>
    <message>
        <source>All sponsors</source>
        <translation>모든 후원사</translation>
    </message>
</context>
<context>
    <name>portal::SettingsDialog</name>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>%1 찾아보기</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Identity key file</source>
        <translation>신원 키 파일</translation>
    </message>
    <message>
        <source>Identity (key file):</source>
        <translation>신원 (키 파일):</translation>
    </message>
    <message>
        <source>Keys (*.key);;All files (*)</source>
        <translation>키 (*.key);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>레지스트리 주소</translation>
    </message>
    <message>
        <source>Registry address:</source>
        <translation>레지스트리 주소:</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 인증서 파일</translation>
    </message>
    <message>
        <source>CA file (optional):</source>
        <translation>CA 파일 (선택):</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>인증서 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source>There is no key file (with its .pub beside it) at this path.</source>
        <translation>이 경로에 키 파일(옆에 .pub 포함)이 없습니다.</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>이 경로에 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Pinned registry key</source>
        <translation>레지스트리 고정 키</translation>
    </message>
    <message>
        <source>Pinned key (optional):</source>
        <translation>고정 키 (선택):</translation>
    </message>
    <message>
        <source>Sync interval in minutes</source>
        <translation>동기화 간격(분)</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>요청할 때만</translation>
    </message>
    <message>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>Sync every:</source>
        <translation>동기화 간격:</translation>
    </message>
    <message>
        <source>A pin is sha256// followed by the base64 of the 32-byte SHA-256 of the registry&apos;s public key.</source>
        <translation>고정 키는 sha256// 뒤에 레지스트리 공개 키의 32바이트 SHA-256 값을 base64로 적은 것입니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This replica (%1)&lt;/b&gt; syncs with the registry below; a change applies to it. Ledgers joined later start from the defaults.</source>
        <translation>&lt;b&gt;이 복제본 (%1)&lt;/b&gt;은 아래 레지스트리와 동기화합니다. 변경하면 이 복제본에 적용됩니다. 나중에 가입하는 원장은 기본값으로 시작합니다.</translation>
    </message>
</context>
<context>
    <name>portal::StartupPage</name>
    <message>
        <source>Resource</source>
        <translation>자원</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>사용 가능</translation>
    </message>
    <message>
        <source>Not yet released</source>
        <translation>미지급</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Earliest expiry</source>
        <translation>가장 빠른 만료</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Resource of the chart</source>
        <translation>차트 자원</translation>
    </message>
    <message>
        <source>Resource:</source>
        <translation>자원:</translation>
    </message>
    <message>
        <source>Burn-down chart</source>
        <translation>소진 차트</translation>
    </message>
    <message>
        <source>Burn-down</source>
        <translation>소진</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>지원금</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>수량</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>명세서</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>신청량</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출됨</translation>
    </message>
    <message>
        <source>My applications</source>
        <translation>내 신청서</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Apply for credits&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;크레딧 신청&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <source>Application id</source>
        <translation>신청서 ID</translation>
    </message>
    <message>
        <source>GPU-hours requested</source>
        <translation>신청 GPU시간</translation>
    </message>
    <message>
        <source>Sign application…</source>
        <translation>신청서 서명…</translation>
    </message>
    <message>
        <source>Call:</source>
        <translation>공모:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <source>GPU-hours:</source>
        <translation>GPU시간:</translation>
    </message>
    <message>
        <source>Could not read your balances: %1</source>
        <translation>잔액을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>&lt;h2&gt;%1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;%1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>%1 (within 30 days)</source>
        <translation>%1 (30일 이내)</translation>
    </message>
    <message>
        <source>%1 (passed)</source>
        <translation>%1 (지남)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Granted from %1</source>
        <translation>%1에서 지원</translation>
    </message>
    <message>
        <source>In from %1</source>
        <translation>%1에서 입금</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Clawed back to %1</source>
        <translation>%1(으)로 회수</translation>
    </message>
    <message>
        <source>Balance (GPU-hours)</source>
        <translation>잔액 (GPU시간)</translation>
    </message>
    <message>
        <source>GPU-hours</source>
        <translation>GPU시간</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>At the use of the last 90 days (%1 GPU-h), the balance of %2 GPU-h runs out on %3.</source>
        <translation>최근 90일 사용량(%1 GPU시간) 기준으로 잔액 %2 GPU시간은 %3에 소진됩니다.</translation>
    </message>
    <message>
        <source>No usage in the last 90 days: the balance of %1 GPU-h is not being used.</source>
        <translation>최근 90일간 사용이 없습니다: 잔액 %1 GPU시간이 사용되지 않고 있습니다.</translation>
    </message>
    <message>
        <source>No credits yet: apply for a grant (the form on the right).</source>
        <translation>아직 크레딧이 없습니다: 지원금을 신청하세요 (오른쪽 양식).</translation>
    </message>
    <message>
        <source>No credits left of this resource.</source>
        <translation>이 자원의 크레딧이 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>No call is open now; you can apply when the next one opens.</source>
        <translation>지금 열린 공모가 없습니다. 다음 공모가 열리면 신청할 수 있습니다.</translation>
    </message>
    <message>
        <source>Give the application a title.</source>
        <translation>신청서 제목을 입력하세요.</translation>
    </message>
    <message>
        <source>%1 has been granted and can no longer be withdrawn.</source>
        <translation>%1은(는) 이미 지원금이 지급되어 더는 철회할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is %2 and can no longer be withdrawn.</source>
        <translation>%1은(는) %2 상태라 더는 철회할 수 없습니다.</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>파일 첨부…</translation>
    </message>
    <message>
        <source>Why you withdraw it (recorded with it)</source>
        <translation>철회 사유 (함께 기록됩니다)</translation>
    </message>
    <message>
        <source>Withdraw the selected application…</source>
        <translation>선택한 신청서 철회…</translation>
    </message>
    <message>
        <source>Say why you withdraw it.</source>
        <translation>철회 사유를 적어 주세요.</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>첨부 파일:</translation>
    </message>
    <message>
        <source>%1 — SHA-256 %2…</source>
        <translation>%1 — SHA-256 %2…</translation>
    </message>
    <message>
        <source>Only the file&apos;s name and SHA-256 go into the ledger; keep the file to show it to the programme manager.</source>
        <translation>원장에는 파일 이름과 SHA-256만 기록됩니다. 프로그램 매니저에게 보여줄 수 있도록 파일을 보관하세요.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Select the application to withdraw.</source>
        <translation>철회할 신청서를 선택하세요.</translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation>철회 사유</translation>
    </message>
    <message>
        <source>At most %1 attachments.</source>
        <translation>첨부 파일은 최대 %1개입니다.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>첨부 파일</translation>
    </message>
    <message>
        <source>Reading the attached file…</source>
        <translation>첨부 파일을 읽는 중…</translation>
    </message>
</context>
<context>
    <name>portal::StartupsModel</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>Balance (GPU-hours)</source>
        <translation>잔액 (GPU시간)</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>신청서</translation>
    </message>
    <message>
        <source>BRN</source>
        <translation>사업자등록번호</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>portal::StartupsPage</name>
    <message>
        <source>&lt;p&gt;No credits yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;아직 크레딧이 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%L1 of %L2 startups</source>
        <translation>스타트업 %L2곳 중 %L1곳</translation>
    </message>
    <message>
        <source>, expires &lt;b style=&apos;color:#9a5b00&apos;&gt;%1 (within 30 days)&lt;/b&gt;</source>
        <translation>, &lt;b style=&apos;color:#9a5b00&apos;&gt;%1 만료 (30일 이내)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Members&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;구성원&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Applications&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;신청서&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Id: %1&lt;br&gt;BRN: %2&lt;br&gt;Sector: %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;ID: %1&lt;br&gt;사업자등록번호: %2&lt;br&gt;분야: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>모든 분야</translation>
    </message>
    <message>
        <source>Search by name, id or BRN (Ctrl+F)</source>
        <translation>이름, ID, 사업자등록번호로 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Could not read the startups: %1</source>
        <translation>스타트업 목록을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1: &lt;b&gt;%2&lt;/b&gt; left, %3 used</source>
        <translation>%1: &lt;b&gt;%2&lt;/b&gt; 남음, %3 사용</translation>
    </message>
    <message>
        <source>No startup matches. Clear the search or choose another sector.</source>
        <translation>일치하는 스타트업이 없습니다. 검색어를 지우거나 다른 분야를 고르세요.</translation>
    </message>
    <message>
        <source> (revoked)</source>
        <translation> (폐기됨)</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>, expires %1</source>
        <translation>, %1 만료</translation>
    </message>
    <message>
        <source>&lt;h4&gt;Balances&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;잔액&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Could not read the startup %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;스타트업 %1을(를) 읽을 수 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a startup to see its balances, members and applications.&lt;/p&gt;</source>
        <translation>&lt;p&gt;스타트업을 선택하면 잔액, 구성원, 신청서가 보입니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No member keys enrolled.&lt;/p&gt;</source>
        <translation>&lt;p&gt;등록된 구성원 키가 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;%1 “%2”: %3, &lt;b&gt;%4&lt;/b&gt; (%5)&lt;/li&gt;</source>
        <translation>&lt;li&gt;%1 “%2”: %3, &lt;b&gt;%4&lt;/b&gt; (%5)&lt;/li&gt;</translation>
    </message>
    <message>
        <source>Startups</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>&lt;p&gt;No applications yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;아직 신청서가 없습니다.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>portal::SyncJob</name>
    <message>
        <source>Sending the outbox</source>
        <translation>보낼 편지함을 보내는 중</translation>
    </message>
    <message>
        <source>Checking the registry&apos;s checkpoint</source>
        <translation>레지스트리의 체크포인트를 확인하는 중</translation>
    </message>
    <message>
        <source>Fetching and verifying new entries</source>
        <translation>새 항목을 받아 검증하는 중</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>The registry&apos;s certificate was not accepted, so nothing was sent. If it uses a private CA, choose its CA file (and check the pin).</source>
        <translation>레지스트리의 인증서를 신뢰할 수 없어 아무것도 보내지 않았습니다. 사설 CA를 쓰는 경우 그 CA 파일을 선택하세요(고정 키도 확인하세요).</translation>
    </message>
    <message>
        <source>The registry address is not valid: it must be https://HOST[:PORT].</source>
        <translation>레지스트리 주소가 올바르지 않습니다: https://HOST[:PORT] 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>The pin is not valid: it is sha256// followed by the base64 of a SHA-256 hash.</source>
        <translation>고정 키가 올바르지 않습니다: sha256// 뒤에 SHA-256 해시의 base64가 와야 합니다.</translation>
    </message>
    <message>
        <source>The registry at %1 cannot be reached (no network, or the host is down).</source>
        <translation>%1의 레지스트리에 연결할 수 없습니다(네트워크가 없거나 서버가 꺼져 있습니다).</translation>
    </message>
    <message>
        <source>The registry does not know this key: it is not enrolled in the alliance. Ask an administrator to enrol it.</source>
        <translation>레지스트리가 이 키를 모릅니다: 연합에 등록되지 않은 키입니다. 관리자에게 등록을 요청하세요.</translation>
    </message>
    <message>
        <source>This key has been revoked; the registry no longer accepts it.</source>
        <translation>이 키는 폐기되어 레지스트리가 더 이상 받아들이지 않습니다.</translation>
    </message>
    <message>
        <source>That passphrase does not unlock the key file.</source>
        <translation>그 암호문으로는 키 파일을 열 수 없습니다.</translation>
    </message>
    <message>
        <source>The key file cannot be used.</source>
        <translation>키 파일을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>The registry&apos;s log contradicts the checkpoint this ledger verified before: sync stopped and nothing here was changed.</source>
        <translation>레지스트리의 로그가 이 원장이 이전에 검증한 체크포인트와 모순됩니다: 동기화를 멈췄고 여기서는 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>A file already exists at that path; choose a new file for the replica.</source>
        <translation>그 경로에 이미 파일이 있습니다. 복제본을 저장할 새 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>The registry serves a different alliance than expected; nothing was kept.</source>
        <translation>레지스트리가 예상과 다른 연합을 제공합니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>The registry refused: this key&apos;s role may not do that.</source>
        <translation>레지스트리가 거부했습니다: 이 키의 역할로는 할 수 없는 일입니다.</translation>
    </message>
    <message>
        <source>Sync failed.</source>
        <translation>동기화에 실패했습니다.</translation>
    </message>
    <message>
        <source>(Detail: %1)</source>
        <translation>(자세히: %1)</translation>
    </message>
    <message>
        <source>This ledger is not a replica of a registry, so there is nothing to sync with. Use File &gt; Join a registry to make one.</source>
        <translation>이 원장은 레지스트리의 복제본이 아니어서 동기화할 대상이 없습니다. 파일 &gt; 레지스트리에 참여로 복제본을 만드세요.</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>이미 동기화가 진행 중입니다.</translation>
    </message>
    <message>
        <source>You opened this ledger without an enrolled key, so you cannot sync.</source>
        <translation>등록된 키 없이 이 원장을 열었으므로 동기화할 수 없습니다.</translation>
    </message>
    <message>
        <source>No answer yet; trying again (attempt %1) in %2 s</source>
        <translation>아직 응답이 없습니다. %2초 후 다시 시도합니다(%1번째 시도)</translation>
    </message>
    <message>
        <source>Standalone ledger: not synced with a registry</source>
        <translation>독립 원장: 레지스트리와 동기화하지 않음</translation>
    </message>
    <message>
        <source>⚠ Fork detected: sync stopped</source>
        <translation>⚠ 분기 감지: 동기화 중지됨</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화 중…</translation>
    </message>
    <message>
        <source>Offline: the outbox keeps your entries</source>
        <translation>오프라인: 보낼 편지함이 항목을 보관합니다</translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation>마지막 동기화 실패</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>%1 동기화됨</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>아직 동기화하지 않음</translation>
    </message>
    <message>
        <source>next sync in %1 min</source>
        <translation>%1분 후 다음 동기화</translation>
    </message>
    <message>
        <source>Fetching and verifying entries</source>
        <translation>항목을 받아 검증하는 중</translation>
    </message>
    <message>
        <source>What was fetched so far is kept in %1; joining again to the same file continues from there.</source>
        <translation>지금까지 받은 내용은 %1에 보관됩니다. 같은 파일로 다시 참여하면 거기서부터 이어갑니다.</translation>
    </message>
</context>
<context>
    <name>portal::SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 등록</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>로그 위치</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>사유 코드</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>보낼 편지함</translation>
    </message>
    <message>
        <source>Could not read the outbox: %1</source>
        <translation>보낼 편지함을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Waiting for the registry</source>
        <translation>레지스트리 대기 중</translation>
    </message>
    <message>
        <source>Recorded by the registry</source>
        <translation>레지스트리에 기록됨</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>The outbox is empty: every entry signed here is in the ledger.</source>
        <translation>보낼 편지함이 비어 있습니다: 여기서 서명한 모든 항목이 원장에 있습니다.</translation>
    </message>
    <message>
        <source>%1 waiting for the registry, %2 rejected, %3 in the outbox in all.</source>
        <translation>레지스트리 대기 %1건, 거부 %2건, 보낼 편지함 전체 %3건.</translation>
    </message>
    <message>
        <source>Fork alarm</source>
        <translation>분기 경보</translation>
    </message>
    <message>
        <source>Registry:</source>
        <translation>레지스트리:</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>마지막 동기화:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Send the outbox to the registry and fetch what is new (F5)</source>
        <translation>보낼 편지함을 레지스트리로 보내고 새 항목을 받아옵니다 (F5)</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>동기화 진행 상황</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>동기화 취소</translation>
    </message>
    <message>
        <source>None: this is a standalone ledger</source>
        <translation>없음: 독립 원장입니다</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>⚠ FORK: the registry&apos;s log contradicts the checkpoint this ledger verified. Sync has stopped and nothing here was changed. Keep this ledger and tell your administrator.</source>
        <translation>⚠ 분기: 레지스트리의 로그가 이 원장이 검증한 체크포인트와 모순됩니다. 동기화가 중지되었으며 여기서는 아무것도 바뀌지 않았습니다. 이 원장을 보관하고 관리자에게 알리세요.</translation>
    </message>
    <message>
        <source>%L1 entries, root %2</source>
        <translation>항목 %L1개, 루트 %2</translation>
    </message>
    <message>
        <source>Verified here: %1</source>
        <translation>여기서 검증한 체크포인트: %1</translation>
    </message>
    <message>
        <source>The registry now: %1</source>
        <translation>레지스트리의 현재 체크포인트: %1</translation>
    </message>
    <message>
        <source>%1: %L2 of %L3</source>
        <translation>%1: %L3 중 %L2</translation>
    </message>
    <message>
        <source>Sent %1 (%2 recorded, %3 rejected); fetched %4 new entries; the registry&apos;s log has %L5 entries.</source>
        <translation>%1건 보냄(기록 %2건, 거부 %3건). 새 항목 %4건 받음. 레지스트리의 로그에는 항목이 %L5건 있습니다.</translation>
    </message>
    <message>
        <source>Offline: %1 Your entries stay in the outbox and are sent at the next sync.</source>
        <translation>오프라인: %1 항목은 보낼 편지함에 남아 있다가 다음 동기화 때 전송됩니다.</translation>
    </message>
    <message>
        <source>Sync cancelled; what was already fetched is kept and the next sync continues.</source>
        <translation>동기화가 취소되었습니다. 이미 받은 내용은 보관되며 다음 동기화가 이어서 진행합니다.</translation>
    </message>
</context>
<context>
    <name>portal::UsageForm</name>
    <message>
        <source>Usage key</source>
        <translation>사용 키</translation>
    </message>
    <message>
        <source>GPU-hours used</source>
        <translation>사용한 GPU시간</translation>
    </message>
    <message>
        <source>Period start</source>
        <translation>기간 시작</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>기간 종료</translation>
    </message>
    <message>
        <source>Sign usage record…</source>
        <translation>사용량 기록 서명…</translation>
    </message>
    <message>
        <source>Usage key:</source>
        <translation>사용 키:</translation>
    </message>
    <message>
        <source>GPU-hours:</source>
        <translation>GPU시간:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>시작:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>종료:</translation>
    </message>
    <message>
        <source>Select a grant first.</source>
        <translation>먼저 지원금을 선택하세요.</translation>
    </message>
    <message>
        <source>Give the usage key of the provider&apos;s record (at most 128 bytes); it makes imports idempotent.</source>
        <translation>제공사 기록의 사용 키를 입력하세요 (최대 128바이트). 가져오기를 멱등하게 만듭니다.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>기간이 시작 전에 끝납니다.</translation>
    </message>
</context>
</TS>
