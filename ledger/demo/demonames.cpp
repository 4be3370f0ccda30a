#include "ledger/demo/demonames.h"

namespace ledger::demo::names {

namespace {

constexpr Syllable kSyllables[] = {
    { "Ha", "하" },
    { "Neul", "늘" },
    { "Bit", "빛" },
    { "Na", "나" },
    { "Ra", "라" },
    { "Sae", "새" },
    { "Bom", "봄" },
    { "Da", "다" },
    { "On", "온" },
    { "Ga", "가" },
    { "Ram", "람" },
    { "Yeon", "연" },
    { "Seul", "슬" },
    { "Ji", "지" },
    { "Hye", "혜" },
    { "Min", "민" },
    { "Jun", "준" },
    { "Seo", "서" },
    { "Woo", "우" },
    { "Jin", "진" },
    { "Hyun", "현" },
    { "Sol", "솔" },
    { "Ma", "마" },
    { "Ru", "루" },
    { "Yoon", "윤" },
    { "Chan", "찬" },
    { "Ba", "바" },
    { "Dal", "달" },
    { "Byeol", "별" },
    { "San", "산" },
    { "Gang", "강" },
    { "Nu", "누" },
    { "Ri", "리" },
    { "Eun", "은" },
    { "Geum", "금" },
    { "Baek", "백" },
    { "Cheon", "천" },
    { "Hae", "해" },
    { "Dam", "담" },
    { "Rim", "림" },
    { "Ho", "호" },
    { "Tae", "태" },
    { "Kyung", "경" },
    { "Su", "수" },
    { "Yu", "유" },
    { "Se", "세" },
    { "Hwa", "화" },
    { "Il", "일" },
    { "Jae", "재" },
    { "Won", "원" },
    { "Mi", "미" },
    { "Ah", "아" },
    { "Rae", "래" },
    { "Doh", "도" },
};

constexpr const char *kHeads[] = {
    "Deep",
    "Neural",
    "Quantum",
    "Vector",
    "Tensor",
    "Blue",
    "Bright",
    "Clear",
    "Cobalt",
    "Silver",
    "Iron",
    "Lumen",
    "Nova",
    "Orbit",
    "Pixel",
    "Signal",
    "Sky",
    "Swift",
    "True",
    "Zero",
    "Astra",
    "Cedar",
    "Delta",
    "Echo",
    "Kernel",
    "Lattice",
    "Prism",
    "Radiant",
    "Sonic",
    "Terra",
};

constexpr const char *kTails[] = {
    "Harbor",
    "Forge",
    "Mind",
    "Wave",
    "Loop",
    "Path",
    "Field",
    "Gate",
    "Sense",
    "Bridge",
    "Spark",
    "Stack",
    "Scope",
    "Logic",
    "Pulse",
    "Grid",
    "Point",
    "Shift",
    "Core",
    "Flow",
};

constexpr Suffix kGeneric[] = {
    { "AI", "에이아이" },
    { "Labs", "랩스" },
    { "Technologies", "테크놀로지스" },
    { "Works", "웍스" },
    { "Intelligence", "인텔리전스" },
    { "Data", "데이터" },
    { "Systems", "시스템즈" },
};

constexpr Suffix kAutomotive[]
    = { { "Mobility", "모빌리티" }, { "Motors AI", "모터스에이아이" }, { "Drive", "드라이브" } };
constexpr Suffix kManufacturing[]
    = { { "Factory", "팩토리" }, { "Vision", "비전" }, { "Industrial AI", "인더스트리얼에이아이" } };
constexpr Suffix kTelecom[]
    = { { "Networks", "네트웍스" }, { "Telecom AI", "텔레콤에이아이" }, { "Voice", "보이스" } };
constexpr Suffix kRobotics[]
    = { { "Robotics", "로보틱스" }, { "Dynamics", "다이내믹스" }, { "Automation", "오토메이션" } };
constexpr Suffix kSemiconductors[]
    = { { "Semicon", "세미콘" }, { "Silicon", "실리콘" }, { "Chip AI", "칩에이아이" } };
constexpr Suffix kHealthcare[]
    = { { "Bio", "바이오" }, { "Health", "헬스" }, { "Medical AI", "메디컬에이아이" } };
constexpr Suffix kFinance[] = { { "Fintech", "핀테크" }, { "Capital AI", "캐피탈에이아이" } };
constexpr Suffix kEnergy[] = { { "Energy", "에너지" }, { "Power AI", "파워에이아이" } };
constexpr Suffix kRetail[] = { { "Commerce", "커머스" }, { "Retail AI", "리테일에이아이" } };
constexpr Suffix kLogistics[] = { { "Logistics", "로지스틱스" }, { "Freight AI", "프레이트에이아이" } };
constexpr Suffix kMedia[] = { { "Studio", "스튜디오" }, { "Media", "미디어" } };
constexpr Suffix kEducation[] = { { "Edu", "에듀" }, { "Learning", "러닝" } };
constexpr Suffix kAgriculture[] = { { "Farm", "팜" }, { "Agritech", "애그리테크" } };
constexpr Suffix kSecurity[] = { { "Security", "시큐리티" }, { "Shield", "쉴드" } };

constexpr const char *kSectors[] = {
    "automotive",
    "manufacturing",
    "telecom",
    "robotics",
    "semiconductors",
    "healthcare",
    "finance",
    "energy",
    "retail",
    "logistics",
    "media",
    "education",
    "agriculture",
    "security",
    "other",
};

constexpr const char *kFamily[] = {
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Yoo",
    "Hong",
};

constexpr const char *kGiven[] = {
    "Ji-won",
    "Min-jun",
    "Seo-yeon",
    "Ha-eun",
    "Do-yun",
    "Ji-ho",
    "Su-bin",
    "Ye-jin",
    "Hyun-woo",
    "Eun-ji",
    "Jae-hyun",
    "Na-rae",
    "Seung-min",
    "Yu-na",
    "Tae-yang",
    "Da-eun",
    "Joon-ho",
    "Hye-jin",
    "Sung-hoon",
    "Min-seo",
    "Ga-young",
    "Dong-hyun",
    "So-yeon",
    "Woo-jin",
    "Ji-an",
    "Chae-won",
    "Yeon-woo",
    "Bo-ra",
    "Kyung-soo",
    "Si-woo",
};

constexpr const char *kAffiliations[] = {
    "KAIST",
    "POSTECH",
    "Seoul National University",
    "Yonsei University",
    "Korea University",
    "UNIST",
    "ETRI",
    "KIST",
    "Sungkyunkwan University",
    "Hanyang University",
    "independent consultant",
};

constexpr const char *kTitlesAutomotive[] = {
    "Driver-monitoring model for commercial fleets",
    "Multi-camera 3D perception for urban autonomous driving",
    "EV battery degradation forecasting",
    "Synthetic data generation for ADAS validation",
};
constexpr const char *kTitlesManufacturing[] = {
    "Visual defect detection for display panels",
    "Predictive maintenance for injection moulding lines",
    "Surrogate models for steel rolling digital twins",
    "Weld-seam inspection with few-shot learning",
};
constexpr const char *kTitlesTelecom[] = {
    "Korean customer-care LLM for mobile carriers",
    "RAN traffic forecasting with graph neural networks",
    "Speech recognition for call centres",
    "Network anomaly detection at the 5G edge",
};
constexpr const char *kTitlesRobotics[] = {
    "Foundation model for warehouse picking robots",
    "Sim-to-real training for quadruped inspection robots",
    "Vision-language-action model for service robots",
    "Learning dexterous assembly from demonstration",
};
constexpr const char *kTitlesSemiconductors[] = {
    "Wafer-map defect classification",
    "ML-accelerated optical proximity correction",
    "Yield prediction from fab sensor streams",
    "LLM assistant for RTL verification",
};
constexpr const char *kTitlesHealthcare[] = {
    "Chest X-ray triage model for regional hospitals",
    "Korean clinical-note summarisation LLM",
    "Pathology slide foundation model",
    "Protein-ligand binding prediction for drug discovery",
};
constexpr const char *kTitlesFinance[] = {
    "Korean financial-document understanding LLM",
    "Card fraud detection with sequence models",
    "Credit scoring for thin-file small businesses",
};
constexpr const char *kTitlesEnergy[] = {
    "Solar output nowcasting from satellite imagery",
    "Load forecasting for industrial microgrids",
    "Wind turbine blade inspection from drone video",
};
constexpr const char *kTitlesRetail[] = {
    "Multimodal product search for Korean e-commerce",
    "Demand forecasting for convenience stores",
    "Virtual try-on diffusion model",
};
constexpr const char *kTitlesLogistics[] = {
    "Route optimisation with learned heuristics",
    "Parcel damage detection on sorting lines",
    "Port container-flow forecasting",
};
constexpr const char *kTitlesMedia[] = {
    "Korean-English dubbing and lip-sync model",
    "Webtoon colourisation diffusion model",
    "K-pop music stem separation",
};
constexpr const char *kTitlesEducation[] = {
    "Korean essay-feedback LLM for high schools",
    "Maths tutoring agent with step checking",
    "Speech assessment for English learners",
};
constexpr const char *kTitlesAgriculture[] = {
    "Smart-farm crop disease detection",
    "Greenhouse climate control with reinforcement learning",
    "Livestock health monitoring from video",
};
constexpr const char *kTitlesSecurity[] = {
    "LLM-assisted malware triage",
    "Deepfake detection for video calls",
    "Phishing detection for Korean messaging apps",
};
constexpr const char *kTitlesOther[] = {
    "Korean legal-document retrieval LLM",
    "OCR for public-sector archives",
    "Sign-language translation model",
};

constexpr const char *kSummaries[] = {
    "Pre-training on our curated Korean corpus, then supervised fine-tuning and evaluation.",
    "Fine-tuning an open-weight model on proprietary data collected with our industry partner.",
    "Training from scratch on sensor data from three pilot customers; monthly evaluation runs.",
    "Distilling a large teacher model into an edge-deployable student model.",
    "Large-scale hyper-parameter search followed by a final training run and ablations.",
    "Continued pre-training, preference tuning and red-teaming before a public beta.",
};

constexpr const char *kReviewWeak[] = {
    "The compute plan is not justified by the stated milestones.",
    "Unclear market; the team should validate demand before scaling training.",
    "The technical approach is generic and the data strategy is thin.",
};
constexpr const char *kReviewFair[] = {
    "Sound plan; the requested GPU-hours look slightly high for the first milestone.",
    "Promising team, but the evaluation plan needs more detail.",
    "Reasonable proposal with a credible pilot customer.",
};
constexpr const char *kReviewStrong[] = {
    "Strong team with a clear path to deployment; compute budget well argued.",
    "Excellent technical plan and realistic milestones.",
    "Clear market pull and a convincing data advantage.",
};

constexpr const char *kConflicts[] = {
    "I advised the founders last year; declaring a conflict of interest.",
    "Former colleague of the CTO; declaring a conflict of interest.",
    "My organisation is a paying customer of this startup.",
};

constexpr const char *kApproved[] = {
    "Strong technical plan and a credible compute budget.",
    "Approved by the committee; milestones to be reported quarterly.",
    "High scores on technical merit and team; approved.",
};
constexpr const char *kRejected[] = {
    "The compute plan does not justify the requested GPU-hours.",
    "Scores below the programme's funding line.",
    "Outside the programme's focus; please consider the next call.",
};
constexpr const char *kWaitlisted[] = {
    "Good proposal; waitlisted until pool capacity is confirmed.",
    "Close to the funding line; waitlisted for the next allocation round.",
};

constexpr const char *kWithdrawals[] = {
    "Secured compute through another programme.",
    "Project paused while the team re-plans its roadmap.",
    "The startup is merging with a partner company.",
};

constexpr const char *kClawInactive[] = { "No usage for three months despite reminders." };
constexpr const char *kClawDissolved[]
    = { "The company was dissolved; remaining credits return to the pool." };
constexpr const char *kClawBreach[] = { "Credits were used for work outside the approved project." };
constexpr const char *kClawMisuse[]
    = { "Credits were resold to a third party, against the programme terms." };
constexpr const char *kClawDuplicate[] = { "The same project was funded twice; this grant is withdrawn." };
constexpr const char *kClawOther[] = { "Withdrawn at the startup's request." };

} // namespace

std::span<const Syllable> koreanSyllables()
{
    return kSyllables;
}

std::span<const char *const> englishHeads()
{
    return kHeads;
}

std::span<const char *const> englishTails()
{
    return kTails;
}

std::span<const Suffix> genericSuffixes()
{
    return kGeneric;
}

std::span<const Suffix> sectorSuffixes(std::string_view sector)
{
    if (sector == "automotive")
        return kAutomotive;
    if (sector == "manufacturing")
        return kManufacturing;
    if (sector == "telecom")
        return kTelecom;
    if (sector == "robotics")
        return kRobotics;
    if (sector == "semiconductors")
        return kSemiconductors;
    if (sector == "healthcare")
        return kHealthcare;
    if (sector == "finance")
        return kFinance;
    if (sector == "energy")
        return kEnergy;
    if (sector == "retail")
        return kRetail;
    if (sector == "logistics")
        return kLogistics;
    if (sector == "media")
        return kMedia;
    if (sector == "education")
        return kEducation;
    if (sector == "agriculture")
        return kAgriculture;
    if (sector == "security")
        return kSecurity;
    return kGeneric;
}

std::span<const char *const> sectors()
{
    return kSectors;
}

std::span<const char *const> familyNames()
{
    return kFamily;
}

std::span<const char *const> givenNames()
{
    return kGiven;
}

std::span<const char *const> affiliations()
{
    return kAffiliations;
}

std::span<const char *const> projectTitles(std::string_view sector)
{
    if (sector == "automotive")
        return kTitlesAutomotive;
    if (sector == "manufacturing")
        return kTitlesManufacturing;
    if (sector == "telecom")
        return kTitlesTelecom;
    if (sector == "robotics")
        return kTitlesRobotics;
    if (sector == "semiconductors")
        return kTitlesSemiconductors;
    if (sector == "healthcare")
        return kTitlesHealthcare;
    if (sector == "finance")
        return kTitlesFinance;
    if (sector == "energy")
        return kTitlesEnergy;
    if (sector == "retail")
        return kTitlesRetail;
    if (sector == "logistics")
        return kTitlesLogistics;
    if (sector == "media")
        return kTitlesMedia;
    if (sector == "education")
        return kTitlesEducation;
    if (sector == "agriculture")
        return kTitlesAgriculture;
    if (sector == "security")
        return kTitlesSecurity;
    return kTitlesOther;
}

std::span<const char *const> summaries()
{
    return kSummaries;
}

std::span<const char *const> reviewComments(int band)
{
    if (band <= 0)
        return kReviewWeak;
    if (band == 1)
        return kReviewFair;
    return kReviewStrong;
}

std::span<const char *const> conflictComments()
{
    return kConflicts;
}

std::span<const char *const> decisionReasons(std::string_view decision)
{
    if (decision == "approved")
        return kApproved;
    if (decision == "rejected")
        return kRejected;
    return kWaitlisted;
}

std::span<const char *const> withdrawalReasons()
{
    return kWithdrawals;
}

std::span<const char *const> clawbackReasons(std::string_view code)
{
    if (code == "inactive")
        return kClawInactive;
    if (code == "company_dissolved")
        return kClawDissolved;
    if (code == "terms_breach")
        return kClawBreach;
    if (code == "misuse")
        return kClawMisuse;
    if (code == "duplicate")
        return kClawDuplicate;
    return kClawOther;
}

} // namespace ledger::demo::names
