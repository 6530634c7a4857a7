//! The dossier's state machine, mapped to the national status codes 1–10.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Reason};

/// A dossier's status, with its national code (used for sync and the index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 1 Mới đăng ký: submitted online, not yet received.
    Submitted,
    /// 2 Được tiếp nhận: received; code and due date assigned.
    Received,
    /// 3 Không được tiếp nhận: refused at reception.
    RefusedAtReception,
    /// 4 Đang xử lý: being processed.
    Processing,
    /// 5 Yêu cầu bổ sung giấy tờ: supplement requested; the clock is stopped.
    SupplementRequested,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính: payment requested.
    PaymentRequested,
    /// 7 Công dân yêu cầu rút hồ sơ: withdrawn by the applicant.
    Withdrawn,
    /// 8 Dừng xử lý: processing stopped.
    Stopped,
    /// 9 Đã xử lý xong: resolved (approved or refused), result not yet returned.
    Resolved,
    /// 10 Đã trả kết quả: result returned.
    Returned,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Submitted,
        Status::Received,
        Status::RefusedAtReception,
        Status::Processing,
        Status::SupplementRequested,
        Status::PaymentRequested,
        Status::Withdrawn,
        Status::Stopped,
        Status::Resolved,
        Status::Returned,
    ];

    /// The national status code, 1–10.
    pub fn national_code(self) -> u8 {
        match self {
            Status::Submitted => 1,
            Status::Received => 2,
            Status::RefusedAtReception => 3,
            Status::Processing => 4,
            Status::SupplementRequested => 5,
            Status::PaymentRequested => 6,
            Status::Withdrawn => 7,
            Status::Stopped => 8,
            Status::Resolved => 9,
            Status::Returned => 10,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::RefusedAtReception => "refused_at_reception",
            Status::Processing => "processing",
            Status::SupplementRequested => "supplement_requested",
            Status::PaymentRequested => "payment_requested",
            Status::Withdrawn => "withdrawn",
            Status::Stopped => "stopped",
            Status::Resolved => "resolved",
            Status::Returned => "returned",
        }
    }

    pub fn parse(text: &str) -> Result<Status, DomainError> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| DomainError::invalid("status", Reason::Unknown(text.to_owned())))
    }

    /// Whether nothing more can happen to the dossier.
    pub fn is_final(self) -> bool {
        matches!(self, Status::RefusedAtReception | Status::Withdrawn | Status::Stopped | Status::Returned)
    }

    /// Whether the legal clock is stopped in this status.
    pub fn clock_stopped(self) -> bool {
        matches!(self, Status::SupplementRequested | Status::PaymentRequested)
    }
}

/// Where in its procedure's workflow the dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Tiếp nhận: at the one-stop counter.
    Intake,
    /// Thẩm định: examined by a specialist of the competent agency.
    Review,
    /// Phê duyệt: awaiting the leader's decision.
    Approval,
    /// Trả kết quả: the result is ready to be returned.
    Return,
    /// Nothing left to do.
    Done,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Intake, Step::Review, Step::Approval, Step::Return, Step::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Intake => "intake",
            Step::Review => "review",
            Step::Approval => "approval",
            Step::Return => "return",
            Step::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Result<Step, DomainError> {
        Step::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| DomainError::invalid("step", Reason::ExpectedStep))
    }
}

/// Something that happens to a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Accept a submitted dossier as complete: it gets its code and due date.
    Receive,
    /// Refuse a submitted dossier at reception, with a legal reason (form 03).
    RefuseAtReception,
    /// Ask the applicant to add or correct documents (form 02); stops the clock.
    RequestSupplement,
    /// The complete supplement arrived; the clock resumes.
    Supplement,
    /// Hand the dossier to another step, person or agency.
    HandOver { to: Step },
    /// Ask the applicant to pay a fee or tax before processing continues.
    RequestPayment,
    /// The payment arrived.
    Pay,
    /// The applicant withdraws the dossier.
    Withdraw,
    /// Processing is stopped, with notice (form 05).
    Stop,
    /// The leader approves; the result is issued.
    Approve,
    /// The leader refuses, with a reason; the refusal is the result.
    Refuse,
    /// A new due date, with an apology (form 04).
    Extend,
    /// The result reaches the applicant.
    Return,
}

impl Action {
    /// Every action, hand-overs to each step included, in the order of a dossier's life.
    pub const ALL: [Action; 17] = [
        Action::Receive,
        Action::RefuseAtReception,
        Action::HandOver { to: Step::Intake },
        Action::HandOver { to: Step::Review },
        Action::HandOver { to: Step::Approval },
        Action::HandOver { to: Step::Return },
        Action::HandOver { to: Step::Done },
        Action::RequestSupplement,
        Action::Supplement,
        Action::RequestPayment,
        Action::Pay,
        Action::Approve,
        Action::Refuse,
        Action::Extend,
        Action::Stop,
        Action::Return,
        Action::Withdraw,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Receive => "receive",
            Action::RefuseAtReception => "refuse_at_reception",
            Action::RequestSupplement => "request_supplement",
            Action::Supplement => "supplement",
            Action::HandOver { .. } => "hand_over",
            Action::RequestPayment => "request_payment",
            Action::Pay => "pay",
            Action::Withdraw => "withdraw",
            Action::Stop => "stop",
            Action::Approve => "approve",
            Action::Refuse => "refuse",
            Action::Extend => "extend",
            Action::Return => "return",
        }
    }
}

/// The part of a dossier's state the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub status: Status,
    pub step: Step,
    /// How many times a supplement was requested; more than one makes the dossier late.
    pub supplement_requests: u32,
    /// The status to go back to when a supplement or payment arrives.
    pub resume_to: Option<Status>,
}

impl Lifecycle {
    /// A dossier submitted online, waiting for reception.
    pub fn submitted() -> Lifecycle {
        Lifecycle { status: Status::Submitted, step: Step::Intake, supplement_requests: 0, resume_to: None }
    }

    /// The state after `action`, or why it is not allowed. Pure: the caller
    /// writes the new state and its event together, or nothing.
    pub fn apply(&self, action: Action) -> Result<Lifecycle, DomainError> {
        use Status::*;
        let refuse = || DomainError::TransitionNotAllowed { status: self.status.as_str(), action: action.name() };
        let mut next = *self;
        match (self.status, action) {
            (Submitted, Action::Receive) => {
                next.status = Received;
                next.step = Step::Review;
            }
            (Submitted, Action::RefuseAtReception) => {
                next.status = RefusedAtReception;
                next.step = Step::Done;
            }
            (Submitted | Received | Processing, Action::RequestSupplement) => {
                next.status = SupplementRequested;
                next.resume_to = Some(self.status);
                next.supplement_requests += 1;
            }
            (SupplementRequested, Action::Supplement) | (PaymentRequested, Action::Pay) => {
                next.status = self.resume_to.ok_or_else(refuse)?;
                next.resume_to = None;
            }
            (Received | Processing, Action::HandOver { to }) => {
                if matches!(to, Step::Intake | Step::Done) {
                    return Err(refuse());
                }
                next.status = Processing;
                next.step = to;
            }
            (Received | Processing, Action::RequestPayment) => {
                next.status = PaymentRequested;
                next.resume_to = Some(self.status);
            }
            (Submitted | Received | Processing | SupplementRequested | PaymentRequested, Action::Withdraw) => {
                next.status = Withdrawn;
                next.step = Step::Done;
                next.resume_to = None;
            }
            (Received | Processing | SupplementRequested | PaymentRequested, Action::Stop) => {
                next.status = Stopped;
                next.step = Step::Done;
                next.resume_to = None;
            }
            (Processing, Action::Approve | Action::Refuse) if self.step == Step::Approval => {
                next.status = Resolved;
                next.step = Step::Return;
            }
            (Received | Processing | SupplementRequested | PaymentRequested, Action::Extend) => {}
            (Resolved, Action::Return) => {
                next.status = Returned;
                next.step = Step::Done;
            }
            _ => return Err(refuse()),
        }
        Ok(next)
    }

    /// More than one supplement request makes a dossier late whatever its dates.
    pub fn late_by_supplements(&self) -> bool {
        self.supplement_requests > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: &[Action]) -> Result<Lifecycle, DomainError> {
        actions.iter().try_fold(Lifecycle::submitted(), |state, action| state.apply(*action))
    }

    #[test]
    fn national_codes_are_one_to_ten() {
        let codes: Vec<u8> = Status::ALL.iter().map(|s| s.national_code()).collect();
        assert_eq!(codes, (1..=10).collect::<Vec<u8>>());
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Ok(status));
        }
    }

    #[test]
    fn the_paths_of_the_law_are_allowed() {
        use Action::*;
        let review = HandOver { to: Step::Review };
        let approval = HandOver { to: Step::Approval };
        let paths: &[(&str, &[Action], Status)] = &[
            ("online happy path", &[Receive, review, approval, Approve, Return], Status::Returned),
            ("refusal at reception", &[RefuseAtReception], Status::RefusedAtReception),
            ("supplement at reception", &[RequestSupplement, Supplement, Receive], Status::Received),
            (
                "two supplements",
                &[Receive, review, RequestSupplement, Supplement, RequestSupplement, Supplement],
                Status::Processing,
            ),
            ("payment", &[Receive, RequestPayment, Pay, approval, Refuse], Status::Resolved),
            ("withdrawal", &[Receive, review, Withdraw], Status::Withdrawn),
            ("withdrawal while supplementing", &[Receive, RequestSupplement, Withdraw], Status::Withdrawn),
            ("stopped", &[Receive, review, Stop], Status::Stopped),
            ("extended", &[Receive, review, Extend, approval, Approve], Status::Resolved),
        ];
        for (name, actions, expected) in paths {
            assert_eq!(run(actions).map(|s| s.status), Ok(*expected), "{name}");
        }
        let two =
            run(&[Receive, review, RequestSupplement, Supplement, RequestSupplement, Supplement]).expect("allowed");
        assert!(two.late_by_supplements());
        assert!(!run(&[Receive, RequestSupplement, Supplement]).expect("allowed").late_by_supplements());
    }

    #[test]
    fn everything_else_is_refused() {
        use Action::*;
        let refused: &[(&str, &[Action])] = &[
            ("approve before approval step", &[Receive, Approve]),
            ("approve while reviewing", &[Receive, HandOver { to: Step::Review }, Approve]),
            ("return before resolution", &[Receive, Return]),
            ("receive twice", &[Receive, Receive]),
            ("refuse at reception after receiving", &[Receive, RefuseAtReception]),
            ("supplement without request", &[Receive, Supplement]),
            ("pay without request", &[Receive, Pay]),
            ("hand back to intake", &[Receive, HandOver { to: Step::Intake }]),
            ("withdraw after return", &[Receive, HandOver { to: Step::Approval }, Approve, Return, Withdraw]),
            ("withdraw a resolved dossier", &[Receive, HandOver { to: Step::Approval }, Approve, Withdraw]),
            ("anything after refusal at reception", &[RefuseAtReception, Receive]),
            ("stop a submitted dossier", &[Stop]),
        ];
        for (name, actions) in refused {
            assert!(matches!(run(actions), Err(DomainError::TransitionNotAllowed { .. })), "{name}");
        }
    }

    #[test]
    fn the_clock_stops_only_while_waiting_for_the_applicant() {
        assert!(Status::SupplementRequested.clock_stopped());
        assert!(Status::PaymentRequested.clock_stopped());
        assert!(!Status::Processing.clock_stopped());
        assert!(Status::Returned.is_final() && !Status::Resolved.is_final());
    }
}
