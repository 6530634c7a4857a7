### Messages to applicants (email or SMS) about their dossier.
### $code is the dossier's code, $page the address of its page, $due the
### date the result is due, $reason the officer's words, $amount in đồng.

notify-subject = Hồ sơ { $code }
notify-received = Hồ sơ { $code } đã được tiếp nhận. Hẹn trả kết quả: { $due }. Theo dõi: { $page }
notify-refused-at-reception = Hồ sơ { $code } không được tiếp nhận. Lý do: { $reason }.
notify-supplement-requested = Hồ sơ { $code } cần bổ sung giấy tờ: { $reason }. Gửi bổ sung tại { $page }
notify-payment-requested = Hồ sơ { $code } cần nộp phí, lệ phí { $amount } đồng. Xem tại { $page }
notify-extended = Xin lỗi: hồ sơ { $code } cần thêm thời gian ({ $reason }). Hẹn trả kết quả mới: { $due }.
notify-stopped = Hồ sơ { $code } đã dừng xử lý. Lý do: { $reason }.
notify-approved = Hồ sơ { $code } đã có kết quả. Xem cách nhận tại { $page }
notify-refused = Hồ sơ { $code } bị từ chối giải quyết. Lý do: { $reason }.
notify-returned = Đã trả kết quả hồ sơ { $code }. Mời bạn đánh giá mức độ hài lòng tại { $page }
